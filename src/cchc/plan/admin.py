from django.contrib import admin

from .models import Plan, PlanArea, Target


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ("code", "version", "name", "province", "loaded_at")


@admin.register(PlanArea)
class PlanAreaAdmin(admin.ModelAdmin):
    list_display = ("plan", "number", "name")


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ("key", "area", "comparator", "value", "unit", "year", "measurement", "formula")
    list_filter = ("plan", "area__number", "year", "measurement")
    search_fields = ("key", "text", "metric")
