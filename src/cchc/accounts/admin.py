from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "full_name", "applicant_kind", "is_staff", "is_active")
    search_fields = ("username", "full_name", "national_id", "tax_code", "email")
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        (
            _("Định danh"),
            {
                "fields": (
                    "full_name",
                    "national_id",
                    "tax_code",
                    "phone",
                    "applicant_kind",
                    "vneid_verified",
                )
            },
        ),
    )
