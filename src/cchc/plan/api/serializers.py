"""Shapes of the plan API (documentation and the report form's input)."""

from __future__ import annotations

from rest_framework import serializers


class AreaSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    name = serializers.CharField()


class MeasurementSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="computed | reported")
    formula = serializers.CharField(required=False, help_text="computed: the stats formula")
    index_766 = serializers.CharField(required=False, allow_null=True)
    agency = serializers.CharField(required=False, help_text="reported: as the plan names it")
    agency_code = serializers.CharField(required=False, allow_null=True)
    frequency = serializers.CharField(required=False)
    evidence = serializers.CharField(required=False)


class CurrentSerializer(serializers.Serializer):
    value = serializers.FloatField()
    period = serializers.CharField(help_text="2026-Q1, 2026, 2026-YTD@2026-11-25 …")
    period_label = serializers.CharField()
    as_of = serializers.CharField(allow_null=True, help_text="date or date-time")


class ForecastSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    value = serializers.FloatField()
    low = serializers.FloatField()
    high = serializers.FloatField()
    level = serializers.FloatField(help_text="coverage of the band (0.8)")
    method = serializers.CharField()
    grid = serializers.CharField(allow_null=True, help_text="year, quarter, half or month")
    points = serializers.IntegerField()


class TargetSerializer(serializers.Serializer):
    id = serializers.CharField()
    area = AreaSerializer()
    text = serializers.CharField()
    metric = serializers.CharField()
    year = serializers.IntegerField()
    comparator = serializers.CharField()
    value = serializers.FloatField()
    value_max = serializers.FloatField(allow_null=True)
    unit = serializers.CharField()
    scope_level = serializers.CharField()
    measurement = MeasurementSerializer()
    current = CurrentSerializer(allow_null=True)
    forecast = ForecastSerializer(allow_null=True)
    status = serializers.CharField(help_text="on_track | at_risk | off_track | no_data")
    status_basis = serializers.CharField(
        help_text="forecast (projection to the target year) | actual (the target year's value) "
        "| current (target year over, judged on today's value) | none"
    )


class SeriesPointSerializer(serializers.Serializer):
    period = serializers.CharField()
    period_label = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    scope = serializers.CharField()
    value = serializers.FloatField(allow_null=True)
    numerator = serializers.FloatField(allow_null=True)
    denominator = serializers.FloatField(allow_null=True)


class BreakdownRowSerializer(serializers.Serializer):
    scope = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    value = serializers.FloatField(allow_null=True)
    numerator = serializers.FloatField(allow_null=True)
    denominator = serializers.FloatField(allow_null=True)


class TargetDetailSerializer(TargetSerializer):
    scope = serializers.CharField()
    granularity = serializers.CharField()
    series = SeriesPointSerializer(many=True)
    breakdown_period = serializers.CharField(allow_null=True)
    breakdown = BreakdownRowSerializer(many=True)


class EvidenceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()


class ReportEventSerializer(serializers.Serializer):
    action = serializers.CharField()
    actor = serializers.CharField(source="actor_name")
    at = serializers.DateTimeField()
    note = serializers.CharField()


class ReportVersionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    target = serializers.CharField(source="report.target.key")
    period = serializers.CharField(source="report.period_key")
    scope = serializers.CharField(source="report.scope")
    number = serializers.IntegerField()
    value = serializers.DecimalField(max_digits=12, decimal_places=3)
    note = serializers.CharField()
    status = serializers.CharField()
    counts = serializers.SerializerMethodField()
    submitted_by = serializers.SerializerMethodField()
    submitted_at = serializers.DateTimeField()
    reviewed_at = serializers.DateTimeField(allow_null=True)
    approved_at = serializers.DateTimeField(allow_null=True)
    decision_note = serializers.CharField()
    evidence = EvidenceSerializer(many=True)
    events = ReportEventSerializer(many=True)

    def get_counts(self, obj) -> bool:
        """Whether this is the version whose value counts (the latest approved)."""
        counting = self.context.get("counting", {})
        return counting.get(obj.report_id) == obj.pk

    def get_submitted_by(self, obj) -> str:
        user = obj.submitted_by
        return (
            str(getattr(user, "display_name", "") or getattr(user, "username", "")) if user else ""
        )


class ReportSubmitSerializer(serializers.Serializer):
    period = serializers.CharField(help_text="period key: 2026, 2026-H1, 2026-Q3 or 2026-09")
    value = serializers.DecimalField(max_digits=12, decimal_places=3)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    scope = serializers.CharField(required=False, default="province")
    evidence = serializers.ListField(
        child=serializers.FileField(), help_text="PDF, JPEG or PNG; one or more"
    )


class ReportActionSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class EvidenceUploadSerializer(serializers.Serializer):
    file = serializers.FileField()
