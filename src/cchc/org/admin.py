from django.contrib import admin

from .models import AdministrativeUnit, Agency, StaffAssignment, UnitSuccession


@admin.register(AdministrativeUnit)
class AdministrativeUnitAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "level", "parent", "valid_from", "valid_to")
    list_filter = ("level", "kind")
    search_fields = ("code", "name")
    list_select_related = ("parent",)


@admin.register(UnitSuccession)
class UnitSuccessionAdmin(admin.ModelAdmin):
    list_display = ("predecessor", "successor", "effective_on", "partial")
    list_select_related = ("predecessor", "successor")
    raw_id_fields = ("predecessor", "successor")


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "unit", "is_demo", "is_active")
    list_filter = ("kind", "is_demo")
    search_fields = ("code", "name")
    raw_id_fields = ("unit", "parent")


@admin.register(StaffAssignment)
class StaffAssignmentAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "agency")
    list_filter = ("role",)
    raw_id_fields = ("user", "agency")
