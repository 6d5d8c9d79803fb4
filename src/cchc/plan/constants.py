"""Choices of the reform plan."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Comparator(models.TextChoices):
    AT_LEAST = ">=", _("tối thiểu")
    AT_MOST = "<=", _("tối đa")
    EQUAL = "=", _("bằng")
    MORE_THAN = ">", _("trên")
    RANGE = "range", _("trong khoảng")


class MeasurementKind(models.TextChoices):
    COMPUTED = "computed", _("Tính từ dữ liệu của nền tảng")
    REPORTED = "reported", _("Cơ quan báo cáo, kèm minh chứng")


class ScopeLevel(models.TextChoices):
    PROVINCE = "province", _("Cấp tỉnh")
    DISTRICT = "district", _("Cấp huyện")
    COMMUNE = "commune", _("Cấp xã")


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Hằng tháng")
    QUARTERLY = "quarterly", _("Hằng quý")
    SEMIANNUAL = "semiannual", _("6 tháng")
    ANNUAL = "annual", _("Hằng năm")


class ReportStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Đã gửi, chờ thẩm định")
    REVIEWED = "reviewed", _("Đã thẩm định, chờ phê duyệt")
    APPROVED = "approved", _("Đã phê duyệt")
    RETURNED = "returned", _("Bị trả lại")
    SUPERSEDED = "superseded", _("Đã thay bằng bản sửa")


class ReportAction(models.TextChoices):
    SUBMIT = "submit", _("Gửi báo cáo")
    ADD_EVIDENCE = "add_evidence", _("Bổ sung minh chứng")
    REVIEW = "review", _("Thẩm định đạt")
    APPROVE = "approve", _("Phê duyệt")
    RETURN = "return", _("Trả lại để sửa")
    SUPERSEDE = "supersede", _("Thay bằng bản sửa")
