"""The dossier facts and the daily/monthly rollups the dashboards and the 766 index read.

`DossierFact` is one row per received dossier: what the indicators need to know about it,
derived from its current state (facts.py). The rollups are sums of facts, counted on the day
each fact happened (counters.py), per agency (and the agency's administrative unit) and, in
the finer tables, per procedure and channel. Months hold whole months, days every day: a
period is read as whole months plus the days at its edges, so no page view sums more than a
few thousand rows and none reads the dossier table.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from cchc.catalogue.models import Procedure
from cchc.dossiers.models import Dossier
from cchc.org.models import AdministrativeUnit, Agency


class Timeliness(models.IntegerChoices):
    """Result of the 2.1 clock (DOMAIN.md §2, last rule; §6, 2.1)."""

    NONE = 0, _("Chưa kết thúc")
    EARLY = 1, _("Trước hạn")
    ON_TIME = 2, _("Đúng hạn")
    LATE = 3, _("Quá hạn")


class DossierFact(models.Model):
    """What one dossier contributes to the indicators, as last counted in the rollups.

    Kept so that an update can subtract exactly what was added before (incremental rollups
    equal a rebuild). Flags are 0/1 integers so that SQL sums them on every database.
    """

    dossier = models.OneToOneField(
        Dossier, primary_key=True, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.DO_NOTHING, related_name="+", db_constraint=False
    )
    unit = models.ForeignKey(
        AdministrativeUnit, on_delete=models.DO_NOTHING, related_name="+", db_constraint=False
    )
    procedure = models.ForeignKey(
        Procedure, on_delete=models.DO_NOTHING, related_name="+", db_constraint=False
    )
    channel = models.PositiveSmallIntegerField()
    received_day = models.DateField(null=True)
    ended_day = models.DateField(null=True)
    window_closed_day = models.DateField(null=True)
    finished_day = models.DateField(null=True)
    returned_day = models.DateField(null=True)
    rated_day = models.DateField(null=True)
    timeliness = models.PositiveSmallIntegerField(choices=Timeliness.choices, default=0)
    rating = models.PositiveSmallIntegerField(default=0)
    processing_hours = models.FloatField(default=0)
    online = models.PositiveSmallIntegerField(default=0)
    online_counted = models.PositiveSmallIntegerField(default=0)
    synced = models.PositiveSmallIntegerField(default=0)
    fee_due = models.PositiveSmallIntegerField(default=0)
    paid_online = models.PositiveSmallIntegerField(default=0)
    fee_data = models.PositiveSmallIntegerField(default=0)
    paper_result = models.PositiveSmallIntegerField(default=0)
    finished = models.PositiveSmallIntegerField(default=0)
    e_result = models.PositiveSmallIntegerField(default=0)
    digitised = models.PositiveSmallIntegerField(default=0)
    reused = models.PositiveSmallIntegerField(default=0)
    national_store = models.PositiveSmallIntegerField(default=0)
    vneid = models.PositiveSmallIntegerField(default=0)
    needs_routing = models.PositiveSmallIntegerField(default=0)
    routed = models.PositiveSmallIntegerField(default=0)
    supplemented = models.PositiveSmallIntegerField(default=0)
    resupplemented = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("dữ kiện thống kê hồ sơ")
        verbose_name_plural = _("dữ kiện thống kê hồ sơ")

    def __str__(self) -> str:
        return f"fact {self.dossier_id}"


class Counters(models.Model):
    """Counters of counters.COUNTERS; `day` is a day, or the first day of a month."""

    day = models.DateField(_("ngày"))
    received = models.IntegerField(default=0, help_text=_("hồ sơ tiếp nhận"))
    online = models.IntegerField(default=0, help_text=_("hồ sơ nộp trực tuyến (KenhThucHien = 2)"))
    online_counted = models.IntegerField(default=0, help_text=_("hồ sơ trực tuyến tính cho 3.3"))
    synced = models.IntegerField(default=0, help_text=_("đồng bộ Cổng DVC quốc gia (1.4)"))
    fee_due = models.IntegerField(
        default=0, help_text=_("hồ sơ có nghĩa vụ tài chính (mẫu số 3.6)")
    )
    paid_online = models.IntegerField(default=0, help_text=_("thanh toán trực tuyến (3.6)"))
    fee_data = models.IntegerField(default=0, help_text=_("hồ sơ có dữ liệu phí, lệ phí (3.5)"))
    paper_finished = models.IntegerField(
        default=0, help_text=_("hồ sơ đã có kết quả của TTHC có kết quả giấy (mẫu số 4.1)")
    )
    e_result = models.IntegerField(default=0, help_text=_("có kết quả điện tử (4.1)"))
    digitised = models.IntegerField(default=0, help_text=_("số hóa hồ sơ (4.2)"))
    reused = models.IntegerField(default=0, help_text=_("tái sử dụng dữ liệu số hóa (4.3)"))
    national_store = models.IntegerField(
        default=0, help_text=_("lấy từ kho dữ liệu quốc gia (4.4)")
    )
    vneid = models.IntegerField(default=0, help_text=_("xác thực VNeID (4.5)"))
    vneid_online = models.IntegerField(default=0, help_text=_("trực tuyến và xác thực VNeID"))
    needs_routing = models.IntegerField(default=0, help_text=_("cần luân chuyển giữa cơ quan"))
    routed = models.IntegerField(default=0, help_text=_("luân chuyển điện tử"))
    supplemented = models.IntegerField(default=0, help_text=_("có yêu cầu bổ sung"))
    resupplemented = models.IntegerField(default=0, help_text=_("yêu cầu bổ sung hơn một lần"))
    ended = models.IntegerField(default=0, help_text=_("kết thúc (2.1)"))
    ended_early = models.IntegerField(default=0, help_text=_("trước hạn"))
    ended_on_time = models.IntegerField(default=0, help_text=_("đúng hạn"))
    ended_late = models.IntegerField(default=0, help_text=_("quá hạn"))
    window_closed = models.IntegerField(default=0, help_text=_("hết hạn khi đang xử lý (2.1)"))
    finished = models.IntegerField(default=0, help_text=_("đã xử lý xong"))
    processing_hours = models.FloatField(
        default=0, help_text=_("tổng thời gian xử lý (giờ, theo đơn vị của thủ tục)")
    )
    returned = models.IntegerField(default=0, help_text=_("đã trả kết quả"))
    rated_1 = models.IntegerField(default=0, help_text=_("Không hài lòng"))
    rated_2 = models.IntegerField(default=0, help_text=_("Hài lòng"))
    rated_3 = models.IntegerField(default=0, help_text=_("Rất hài lòng"))

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.day}"


class Rollup(Counters):
    """Counters of one agency (and its administrative unit)."""

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    unit = models.ForeignKey(
        AdministrativeUnit, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.day} {self.agency_id}"


class AgencyDay(Rollup):
    class Meta:
        verbose_name = _("số liệu ngày theo cơ quan")
        constraints = [models.UniqueConstraint(fields=["day", "agency"], name="agencyday_key")]
        indexes = [models.Index(fields=["agency", "day"]), models.Index(fields=["unit", "day"])]


class AgencyMonth(Rollup):
    class Meta:
        verbose_name = _("số liệu tháng theo cơ quan")
        constraints = [models.UniqueConstraint(fields=["day", "agency"], name="agencymonth_key")]
        indexes = [models.Index(fields=["agency", "day"]), models.Index(fields=["unit", "day"])]


class ProcedureDay(Rollup):
    procedure = models.ForeignKey(
        Procedure, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    channel = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = _("số liệu ngày theo thủ tục")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "agency", "procedure", "channel"], name="procedureday_key"
            )
        ]
        indexes = [models.Index(fields=["agency", "day"]), models.Index(fields=["unit", "day"])]


class ProcedureMonth(Rollup):
    procedure = models.ForeignKey(
        Procedure, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    channel = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = _("số liệu tháng theo thủ tục")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "agency", "procedure", "channel"], name="proceduremonth_key"
            )
        ]
        indexes = [models.Index(fields=["agency", "day"]), models.Index(fields=["unit", "day"])]


# --- the province as a whole (issue 16 §2) ----------------------------------------------------
# The same counters without the agency: a province-wide figure reads a few rows a month instead
# of one per agency (or per agency, procedure and channel), so its cost does not grow with the
# number of agencies or dossiers. Kept by the same refresh and rebuild as the tables above.


class ProvinceDay(Counters):
    class Meta:
        verbose_name = _("số liệu ngày toàn tỉnh")
        constraints = [models.UniqueConstraint(fields=["day"], name="provinceday_key")]


class ProvinceMonth(Counters):
    class Meta:
        verbose_name = _("số liệu tháng toàn tỉnh")
        constraints = [models.UniqueConstraint(fields=["day"], name="provincemonth_key")]


class ProvinceProcedureDay(Counters):
    procedure = models.ForeignKey(
        Procedure, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )

    class Meta:
        verbose_name = _("số liệu ngày toàn tỉnh theo thủ tục")
        constraints = [
            models.UniqueConstraint(fields=["day", "procedure"], name="provinceprocedureday_key")
        ]


class ProvinceProcedureMonth(Counters):
    procedure = models.ForeignKey(
        Procedure, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )

    class Meta:
        verbose_name = _("số liệu tháng toàn tỉnh theo thủ tục")
        constraints = [
            models.UniqueConstraint(fields=["day", "procedure"], name="provinceproceduremonth_key")
        ]


class AgencyProcedureRunning(models.Model):
    """Per agency and procedure, the year's totals from January to the month of `day` (its first
    day) — what the ranking needs of every agency for 2.2 and 3.5 (issue 16 §2). A period of
    whole months inside one year is one month's rows, or the difference of two, whatever the
    period's length: about as many rows as agency–procedure pairs with dossiers, where summing
    the months would read one row per pair and month."""

    day = models.DateField(_("tháng"))
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    unit = models.ForeignKey(
        AdministrativeUnit, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    procedure = models.ForeignKey(
        Procedure, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    finished = models.IntegerField(default=0, help_text=_("đã xử lý xong"))
    processing_hours = models.FloatField(default=0, help_text=_("tổng thời gian xử lý (giờ)"))
    fee_data = models.IntegerField(default=0, help_text=_("hồ sơ có dữ liệu phí, lệ phí (3.5)"))

    class Meta:
        verbose_name = _("lũy kế năm theo cơ quan và thủ tục")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "agency", "procedure"], name="agencyprocedurerunning_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.agency_id} {self.procedure_id}"
