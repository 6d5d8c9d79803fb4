"""Choices of the organisation app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitLevel(models.TextChoices):
    PROVINCE = "province", _("Cấp tỉnh")
    DISTRICT = "district", _("Cấp huyện")
    COMMUNE = "commune", _("Cấp xã")


class AgencyKind(models.TextChoices):
    PROVINCE_COMMITTEE = "province_committee", _("Ủy ban nhân dân tỉnh")
    DEPARTMENT = "department", _("Sở, ban, ngành cấp tỉnh")
    PROVINCE_CENTRE = "province_centre", _("Trung tâm Phục vụ hành chính công tỉnh")
    COMMUNE_COMMITTEE = "commune_committee", _("Ủy ban nhân dân cấp xã")
    COMMUNE_CENTRE = "commune_centre", _("Trung tâm Phục vụ hành chính công cấp xã")
    OTHER = "other", _("Cơ quan khác")


SERVICE_CENTRE_KINDS = (AgencyKind.PROVINCE_CENTRE, AgencyKind.COMMUNE_CENTRE)


class StaffRole(models.TextChoices):
    RECEIVING = "receiving", _("Cán bộ tiếp nhận")
    PROCESSING = "processing", _("Cán bộ xử lý")
    APPROVER = "approver", _("Lãnh đạo phê duyệt")
    AGENCY_ADMIN = "agency_admin", _("Quản trị cơ quan")
    PROVINCE_ADMIN = "province_admin", _("Quản trị cấp tỉnh")
    MONITOR = "monitor", _("Lãnh đạo theo dõi (chỉ xem)")


# Roles that see every agency's data; everybody else is confined to their agency.
PROVINCE_WIDE_ROLES = (StaffRole.PROVINCE_ADMIN, StaffRole.MONITOR)
