"""Choices of the procedure catalogue."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProcedureLevel(models.TextChoices):
    PROVINCE = "province", _("Cấp tỉnh")
    COMMUNE = "commune", _("Cấp xã")


class DurationUnit(models.TextChoices):
    """How a legal processing time is counted (DOMAIN.md §3)."""

    WORKING_DAYS = "working_days", _("ngày làm việc")
    WORKING_HOURS = "working_hours", _("giờ làm việc")
    CALENDAR_DAYS = "calendar_days", _("ngày")
    SAME_DAY = "same_day", _("trong ngày")


class ServiceMode(models.TextChoices):
    """Decree 42/2022 (DOMAIN.md §4)."""

    FULL_ONLINE = "full_online", _("Dịch vụ công trực tuyến toàn trình")
    PARTIAL_ONLINE = "partial_online", _("Dịch vụ công trực tuyến một phần")
    IN_PERSON = "in_person", _("Trực tiếp")


ONLINE_MODES = (ServiceMode.FULL_ONLINE, ServiceMode.PARTIAL_ONLINE)


class Sector(models.TextChoices):
    LAND = "land", _("Đất đai")
    CONSTRUCTION = "construction", _("Xây dựng")
    INVESTMENT = "investment", _("Đầu tư")
    HEALTH = "health", _("Y tế")
    EDUCATION = "education", _("Giáo dục")
    CIVIL_STATUS = "civil_status", _("Hộ tịch")
    CERTIFICATION = "certification", _("Chứng thực")
    BUSINESS = "business", _("Kinh doanh")
    RESIDENCE = "residence", _("Cư trú")
    SOCIAL = "social", _("Bảo trợ xã hội")
    LABOUR = "labour", _("Lao động, việc làm")
    JUSTICE = "justice", _("Tư pháp")
    TRANSPORT = "transport", _("Giao thông")
    AGRICULTURE = "agriculture", _("Nông nghiệp")


class StepRole(models.TextChoices):
    RECEIVING = "receiving", _("Tiếp nhận")
    PROCESSING = "processing", _("Xử lý")
    APPROVAL = "approval", _("Phê duyệt")


class CopyKind(models.TextChoices):
    """How a component is handed in (form 01's "hình thức" column, Circular 03/2025)."""

    ORIGINAL = "original", _("Bản chính")
    CERTIFIED_COPY = "certified_copy", _("Bản sao có chứng thực")
    COPY = "copy", _("Bản sao")
    PHOTOCOPY = "photocopy", _("Bản chụp")
