"""The catalogue of administrative procedures (thủ tục hành chính, TTHC)."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from cchc.core.text import fold
from cchc.org.constants import AgencyKind
from cchc.org.models import Agency

from .constants import CopyKind, DurationUnit, ProcedureLevel, ServiceMode, StepRole


class Field(models.Model):
    """Lĩnh vực — the field a procedure belongs to."""

    code = models.CharField(_("mã lĩnh vực"), max_length=40, unique=True)
    name = models.CharField(_("tên lĩnh vực"), max_length=255)

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Procedure(models.Model):
    """Thủ tục hành chính, with the seven publication parts of DOMAIN.md §6 (1.3)."""

    code = models.CharField(_("mã thủ tục"), max_length=40, unique=True)
    name = models.CharField(_("tên thủ tục"), max_length=1000)
    field = models.ForeignKey(Field, verbose_name=_("lĩnh vực"), on_delete=models.PROTECT)
    level = models.CharField(_("cấp thực hiện"), max_length=10, choices=ProcedureLevel.choices)
    agencies = models.ManyToManyField(
        Agency,
        verbose_name=_("cơ quan có thẩm quyền"),
        blank=True,
        related_name="procedures",
        help_text=_("Để trống với thủ tục cấp xã: UBND xã nơi người dân chọn giải quyết."),
    )
    competent_agency_kind = models.CharField(
        _("loại cơ quan có thẩm quyền"),
        max_length=30,
        choices=AgencyKind.choices,
        blank=True,
        help_text=_("Dùng khi cơ quan có thẩm quyền phụ thuộc địa bàn (cấp xã)."),
    )
    duration = models.DecimalField(_("thời hạn giải quyết"), max_digits=7, decimal_places=2)
    duration_unit = models.CharField(
        _("đơn vị thời hạn"), max_length=20, choices=DurationUnit.choices
    )
    cutoff_time = models.TimeField(
        _("giờ chốt nhận trong ngày"),
        null=True,
        blank=True,
        help_text=_(
            "Nhận sau giờ này thì tính từ ngày làm việc tiếp theo (ví dụ chứng thực: 15:00)."
        ),
    )
    service_mode = models.CharField(
        _("mức độ dịch vụ công"), max_length=20, choices=ServiceMode.choices
    )
    paper_result = models.BooleanField(_("kết quả là giấy tờ"), default=True)
    sectors = models.JSONField(_("nhóm ngành"), default=list, blank=True)
    is_internal = models.BooleanField(_("thủ tục nội bộ"), default=False)
    on_national_portal = models.BooleanField(_("cung cấp trên Cổng DVC quốc gia"), default=True)
    # Publication parts (DOMAIN.md §6, 1.3): name, sequence, method, components, time limit,
    # applicants, competent body. Components = documents; time limit = duration.
    sequence = models.TextField(_("trình tự thực hiện"), blank=True)
    method = models.TextField(_("cách thức thực hiện"), blank=True)
    applicants = models.TextField(_("đối tượng thực hiện"), blank=True)
    legal_basis = models.TextField(_("căn cứ pháp lý"), blank=True)
    result_name = models.CharField(_("kết quả thực hiện"), max_length=500, blank=True)
    decision_date = models.DateField(_("ngày quyết định công bố"), null=True, blank=True)
    effective_date = models.DateField(_("ngày văn bản quy định có hiệu lực"), null=True, blank=True)
    published_date = models.DateField(_("ngày đăng tải CSDL quốc gia"), null=True, blank=True)
    is_demo = models.BooleanField(_("dữ liệu mẫu"), default=False)
    assumed_fields = models.JSONField(
        _("giá trị giả định"),
        default=list,
        blank=True,
        help_text=_("Các trường không có nguồn công bố, được điền giá trị hợp lý (dữ liệu mẫu)."),
    )
    source = models.TextField(_("nguồn"), blank=True)
    is_active = models.BooleanField(_("đang áp dụng"), default=True)
    search_text = models.TextField(
        _("chuỗi tìm kiếm"),
        blank=True,
        editable=False,
        help_text=_("Mã và tên không dấu, để tìm kiếm không phân biệt dấu."),
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    def save(self, *args, **kwargs):
        self.search_text = self.build_search_text()
        super().save(*args, **kwargs)

    def build_search_text(self) -> str:
        """Code, name and field name, folded (no diacritics): what catalogue search reads."""
        return fold(f"{self.code} {self.name} {self.field.name if self.field_id else ''}")

    @property
    def has_fee(self) -> bool:
        """Fee-bearing (DOMAIN.md §6): see `catalogue.selectors.is_fee_bearing`."""
        from .selectors import is_fee_bearing

        return is_fee_bearing(self)

    @property
    def is_online(self) -> bool:
        return self.service_mode in (ServiceMode.FULL_ONLINE, ServiceMode.PARTIAL_ONLINE)


class FeeLine(models.Model):
    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="fees")
    name = models.CharField(_("tên phí, lệ phí"), max_length=300)
    code = models.CharField(_("mã phí"), max_length=40, blank=True)
    amount = models.PositiveBigIntegerField(_("mức thu (đồng)"), default=0)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("phí, lệ phí")
        verbose_name_plural = _("phí, lệ phí")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.name}: {self.amount}"


class RequiredDocument(models.Model):
    """Thành phần hồ sơ."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="documents")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    name = models.TextField(_("tên giấy tờ"))
    required = models.BooleanField(_("bắt buộc"), default=True)
    reusable = models.BooleanField(
        _("là kết quả của thủ tục khác"),
        default=False,
        help_text=_("Có thể tái sử dụng từ kho dữ liệu điện tử của công dân."),
    )
    condition = models.TextField(
        _("điều kiện áp dụng"),
        blank=True,
        help_text=_(
            "Để trống nếu luôn phải nộp. Ghi điều kiện (ví dụ “khi thuộc diện…”, “nếu không "
            "khai thác được từ CSDL”) nếu chỉ phải nộp khi điều kiện đúng: giấy tờ có điều kiện "
            "không bao giờ chặn việc nộp hay tiếp nhận hồ sơ."
        ),
    )
    copy_kind = models.CharField(
        _("hình thức"), max_length=20, choices=CopyKind.choices, default=CopyKind.ORIGINAL
    )
    quantity = models.PositiveSmallIntegerField(_("số lượng"), default=1)

    class Meta:
        verbose_name = _("thành phần hồ sơ")
        verbose_name_plural = _("thành phần hồ sơ")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name[:80]

    @property
    def is_conditional(self) -> bool:
        """Required only when its condition applies (DOMAIN.md §2): never blocks intake."""
        return bool(self.condition.strip())


class ProcessStep(models.Model):
    """One step of a procedure's process template, with its allotted working hours."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    name = models.CharField(_("tên bước"), max_length=255)
    role = models.CharField(_("vai trò"), max_length=20, choices=StepRole.choices)
    agency = models.ForeignKey(
        Agency,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("cơ quan thực hiện"),
        help_text=_(
            "Để trống: cơ quan có thẩm quyền của hồ sơ (hoặc nơi tiếp nhận với bước tiếp nhận)."
        ),
    )
    hours = models.DecimalField(
        _("thời gian (giờ làm việc)"), max_digits=7, decimal_places=2, default=Decimal("8")
    )
    fee_due = models.BooleanField(
        _("thu phí, lệ phí ở bước này"),
        default=False,
        help_text=_(
            "Cán bộ ở bước này được nhắc yêu cầu nộp phí, lệ phí theo mức của danh mục; hồ sơ "
            "chưa nộp phí không được trả kết quả nếu không có quyết định miễn."
        ),
    )

    class Meta:
        verbose_name = _("bước quy trình")
        verbose_name_plural = _("bước quy trình")
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "order"], name="step_order_unique")
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"
