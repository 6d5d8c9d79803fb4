"""The dossier (hồ sơ), its immutable event log and its documents.

`Dossier.status` and the other denormalised state fields are written only by
`cchc.dossiers.services` (one door per transition).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cchc.accounts.models import ApplicantKind
from cchc.catalogue.constants import StepRole
from cchc.catalogue.models import Procedure, RequiredDocument
from cchc.core.text import fold
from cchc.org.models import Agency

from .constants import (
    OPEN_STATUSES,
    Action,
    Channel,
    DocumentKind,
    FeeState,
    OnlinePayment,
    Status,
    Timeliness,
)


class Dossier(models.Model):
    code = models.CharField(_("mã hồ sơ"), max_length=60, unique=True)
    procedure = models.ForeignKey(
        Procedure, on_delete=models.PROTECT, related_name="dossiers", verbose_name=_("thủ tục")
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dossiers",
        verbose_name=_("tài khoản người nộp"),
    )
    applicant_kind = models.PositiveSmallIntegerField(
        _("loại đối tượng"), choices=ApplicantKind.choices, default=ApplicantKind.CITIZEN
    )
    applicant_name = models.CharField(_("chủ hồ sơ"), max_length=255)
    # The name folded (lower case, no diacritics) so officers find "Nguyễn" by typing
    # "nguyen"; kept by `save()`, trigram-indexed on PostgreSQL (migration 0004).
    applicant_search = models.CharField(
        _("chủ hồ sơ (không dấu)"), max_length=255, blank=True, default="", editable=False
    )
    applicant_national_id = models.CharField(
        _("số CCCD/mã số thuế"), max_length=14, blank=True, db_index=True
    )
    applicant_phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    applicant_email = models.EmailField(_("thư điện tử"), blank=True)
    applicant_address = models.CharField(_("địa chỉ"), max_length=500, blank=True)
    summary = models.TextField(_("trích yếu"), blank=True)
    channel = models.PositiveSmallIntegerField(_("kênh thực hiện"), choices=Channel.choices)
    status = models.PositiveSmallIntegerField(
        _("trạng thái"), choices=Status.choices, default=Status.NEW, db_index=True
    )
    step_index = models.PositiveSmallIntegerField(_("bước hiện tại"), null=True, blank=True)
    step_name = models.CharField(_("tên bước hiện tại"), max_length=255, blank=True)
    # Written with the step (`workflow.steps.enter_step`/`leave_step`): the queues filter on
    # it instead of looking the step up in the procedure's template for every row.
    step_role = models.CharField(
        _("vai trò của bước hiện tại"),
        max_length=20,
        choices=StepRole.choices,
        blank=True,
        default="",
    )
    step_started_at = models.DateTimeField(_("bắt đầu bước lúc"), null=True, blank=True)
    step_due_at = models.DateTimeField(_("hạn của bước"), null=True, blank=True)
    intake_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("nơi tiếp nhận")
    )
    processing_agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="processed_dossiers",
        verbose_name=_("cơ quan giải quyết (DonViXuLy)"),
    )
    current_agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        related_name="held_dossiers",
        verbose_name=_("cơ quan đang giữ hồ sơ"),
    )
    submitted_at = models.DateTimeField(_("ngày nộp"), null=True, blank=True)
    received_at = models.DateTimeField(_("ngày tiếp nhận"), null=True, blank=True, db_index=True)
    due_at = models.DateTimeField(_("ngày hẹn trả"), null=True, blank=True, db_index=True)
    original_due_at = models.DateTimeField(_("ngày hẹn trả ban đầu"), null=True, blank=True)
    finished_at = models.DateTimeField(_("ngày kết thúc xử lý"), null=True, blank=True)
    returned_at = models.DateTimeField(_("ngày trả kết quả"), null=True, blank=True)
    closed_at = models.DateTimeField(_("ngày đóng hồ sơ"), null=True, blank=True)
    paused_at = models.DateTimeField(_("dừng tính thời gian từ"), null=True, blank=True)
    supplement_count = models.PositiveSmallIntegerField(_("số lần yêu cầu bổ sung"), default=0)
    apology_count = models.PositiveSmallIntegerField(_("số lần xin lỗi, hẹn lại"), default=0)
    paid_online = models.PositiveSmallIntegerField(
        _("thanh toán trực tuyến"), choices=OnlinePayment.choices, default=OnlinePayment.NONE
    )
    fee_state = models.CharField(
        _("phí, lệ phí"), max_length=10, choices=FeeState.choices, default=FeeState.NONE, blank=True
    )
    vneid_authenticated = models.BooleanField(_("tài khoản xác thực VNeID"), default=False)
    has_digitised_component = models.BooleanField(_("có thành phần số hóa"), default=False)
    synced_to_national = models.BooleanField(_("đã đồng bộ Cổng DVC quốc gia"), default=False)
    result_code = models.CharField(_("mã kết quả"), max_length=100, blank=True)
    refusal_reason = models.TextField(_("lý do"), blank=True)
    imported = models.BooleanField(_("nhập từ hệ thống cũ"), default=False)
    version = models.PositiveIntegerField(_("phiên bản"), default=0)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("hồ sơ")
        verbose_name_plural = _("hồ sơ")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["current_agency", "status", "due_at"], name="dossier_queue"),
            models.Index(fields=["processing_agency", "received_at"], name="dossier_agency_period"),
            # The officers' queues read open dossiers only (a few percent of a province's
            # history): partial indexes keep those reads small (issue 16 §1).
            models.Index(
                fields=["current_agency", "status", "step_role", "due_at"],
                condition=models.Q(status__in=OPEN_STATUSES),
                name="dossier_open_current",
            ),
            models.Index(
                fields=["processing_agency", "status"],
                condition=models.Q(status__in=OPEN_STATUSES),
                name="dossier_open_processing",
            ),
            models.Index(
                fields=["intake_agency", "status"],
                condition=models.Q(status__in=OPEN_STATUSES),
                name="dossier_open_intake",
            ),
            models.Index(
                fields=["status", "due_at"],
                condition=models.Q(status__in=OPEN_STATUSES),
                name="dossier_open_due",
            ),
            # "At another agency" for a province-wide monitor: held neither where received
            # nor where decided.
            models.Index(
                fields=["due_at"],
                condition=models.Q(status__in=(Status.RECEIVED, Status.PROCESSING))
                & ~models.Q(current_agency=models.F("processing_agency"))
                & ~models.Q(current_agency=models.F("intake_agency")),
                name="dossier_held_elsewhere",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def save(self, *args, **kwargs):
        self.applicant_search = fold(self.applicant_name)[:255]
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "applicant_name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "applicant_search"}
        super().save(*args, **kwargs)

    @property
    def is_late_by_supplements(self) -> bool:
        """More than one supplement request makes a dossier late whatever its dates (§2)."""
        return self.supplement_count > 1

    @property
    def timeliness(self) -> str:
        """Early / on time / late of the finished dossier, "" while open: the rule of
        `forms.results.dossier_result` (the due date the door moved by the supplement pause
        with the rule the index uses, `deadlines.due_after_pause`)."""
        from .forms.results import dossier_result

        return dossier_result(self)

    def get_timeliness_display(self) -> str:
        from .forms.results import dossier_result_label

        return dossier_result_label(self)


class DossierEvent(models.Model):
    """One transition, never changed or deleted: the log the control slip, the register and
    the indicators are read from."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="events")
    seq = models.PositiveIntegerField(_("thứ tự"))
    action = models.CharField(_("thao tác"), max_length=30, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(_("người thực hiện"), max_length=255, blank=True)
    at = models.DateTimeField(_("thời điểm"))
    from_status = models.PositiveSmallIntegerField(null=True, blank=True, choices=Status.choices)
    to_status = models.PositiveSmallIntegerField(choices=Status.choices)
    from_step = models.CharField(_("từ bước"), max_length=255, blank=True)
    to_step = models.CharField(_("đến bước"), max_length=255, blank=True)
    from_agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    step_due_at = models.DateTimeField(_("hạn của bước"), null=True, blank=True)
    step_result = models.CharField(
        _("kết quả bước"), max_length=10, blank=True, choices=Timeliness.choices
    )
    due_at = models.DateTimeField(_("hạn trả sau thao tác"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("sự kiện hồ sơ")
        verbose_name_plural = _("sự kiện hồ sơ")
        ordering = ["dossier", "seq"]
        constraints = [models.UniqueConstraint(fields=["dossier", "seq"], name="event_seq_unique")]

    def __str__(self) -> str:
        return f"{self.dossier_id}#{self.seq} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Dossier events are immutable.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Dossier events are immutable.")


class SupplementRequest(models.Model):
    """DanhSachHoSoBoSung: a request to supplement, and when it was completed."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="supplements")
    requested_at = models.DateTimeField(_("ngày yêu cầu bổ sung"))
    completed_at = models.DateTimeField(_("ngày hoàn thành bổ sung"), null=True, blank=True)
    due_before = models.DateTimeField(_("ngày hẹn trả trước"), null=True, blank=True)
    due_after = models.DateTimeField(_("ngày hẹn trả mới"), null=True, blank=True)
    reason = models.TextField(_("nội dung yêu cầu bổ sung"), blank=True)

    class Meta:
        ordering = ["requested_at", "id"]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.requested_at:%Y-%m-%d %H:%M}"


def _document_path(instance: DossierDocument, filename: str) -> str:
    return f"dossiers/{instance.dossier.code}/{instance.sha256[:16]}-{filename}"


class DossierDocument(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(
        _("loại"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.SUBMITTED
    )
    required_document = models.ForeignKey(
        RequiredDocument, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("tên tệp"), max_length=255)
    file = models.FileField(_("tệp"), upload_to=_document_path, max_length=500, blank=True)
    url = models.CharField(_("đường dẫn ngoài"), max_length=1000, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    digitised = models.BooleanField(_("được số hóa/tái sử dụng"), default=False)
    from_national_store = models.BooleanField(_("lấy từ kho dữ liệu quốc gia"), default=False)
    result_code = models.CharField(_("mã giấy tờ kết quả"), max_length=100, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("tài liệu hồ sơ")
        verbose_name_plural = _("tài liệu hồ sơ")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class DossierFee(models.Model):
    """DanhSachLePhi."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="fees")
    name = models.CharField(max_length=300)
    code = models.CharField(max_length=40, blank=True)
    method = models.CharField(_("hình thức thu"), max_length=40, blank=True)
    amount = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.name}: {self.amount}"


class DailySequence(models.Model):
    """The last number given to a dossier of an agency on a day; incremented in the same
    transaction as the dossier is created, so numbers never repeat and never skip."""

    prefix = models.CharField(max_length=60)
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prefix", "day"], name="daily_sequence_unique")
        ]

    def __str__(self) -> str:
        return f"{self.prefix} {self.day}: {self.last}"


class DossierAccess(models.Model):
    """Every read of a dossier by staff, for audit (house rule 6)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="accesses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    what = models.CharField(max_length=40)

    class Meta:
        verbose_name = _("nhật ký truy cập hồ sơ")
        verbose_name_plural = _("nhật ký truy cập hồ sơ")

    def __str__(self) -> str:
        return f"{self.user_id} {self.what} {self.dossier_id}"


class SatisfactionLevel(models.IntegerChoices):
    """The three-level rating a citizen gives once the result is returned (DOMAIN.md §6,
    indicator group 5: satisfaction)."""

    VERY_SATISFIED = 3, _("Rất hài lòng")
    SATISFIED = 2, _("Hài lòng")
    NOT_SATISFIED = 1, _("Không hài lòng")


class DossierRating(models.Model):
    """The applicant's rating of the service for one dossier (one per dossier)."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="rating")
    level = models.PositiveSmallIntegerField(
        _("mức độ hài lòng"), choices=SatisfactionLevel.choices
    )
    comment = models.TextField(_("góp ý"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("đánh giá lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("đánh giá hài lòng")
        verbose_name_plural = _("đánh giá hài lòng")

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.level}"


class CounterGuidance(models.Model):
    """Hướng dẫn hoàn thiện hồ sơ tại quầy: an incomplete dossier brought to a counter is not
    received — the officer hands the applicant form 02 saying what to add, and no legal clock
    starts (DOMAIN.md §2, Decree 61/2018 Art. 19 kept by Decree 118/2025). Kept for the
    statistics of guidance given; it is not a dossier and has no dossier code."""

    code = models.CharField(_("số phiếu"), max_length=60, unique=True)
    intake_agency = models.ForeignKey(
        "org.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("nơi hướng dẫn")
    )
    procedure = models.ForeignKey(
        "catalogue.Procedure", on_delete=models.PROTECT, related_name="+", verbose_name=_("thủ tục")
    )
    applicant_name = models.CharField(_("người nộp"), max_length=255)
    applicant_national_id = models.CharField(_("số CCCD/mã số thuế"), max_length=20, blank=True)
    applicant_phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    applicant_address = models.CharField(_("địa chỉ"), max_length=500, blank=True)
    missing = models.TextField(_("thành phần còn thiếu"), blank=True)
    note = models.TextField(_("nội dung hướng dẫn bổ sung, hoàn thiện"))
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    officer_name = models.CharField(_("cán bộ hướng dẫn"), max_length=255, blank=True)
    at = models.DateTimeField(_("thời điểm"), db_index=True)

    class Meta:
        verbose_name = _("hướng dẫn hoàn thiện hồ sơ tại quầy")
        verbose_name_plural = _("hướng dẫn hoàn thiện hồ sơ tại quầy")
        ordering = ["-at"]

    def __str__(self) -> str:
        return self.code

    def missing_names(self) -> list[str]:
        return [line for line in self.missing.splitlines() if line.strip()]
