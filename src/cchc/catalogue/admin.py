from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import FeeLine, Field, Procedure, ProcessStep, RequiredDocument


class FeeInline(admin.TabularInline):
    model = FeeLine
    extra = 0


class DocumentInline(admin.TabularInline):
    model = RequiredDocument
    extra = 0


class StepInline(admin.TabularInline):
    model = ProcessStep
    extra = 0
    raw_id_fields = ("agency",)


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    list_display = (
        "code",
        "name",
        "level",
        "service_mode",
        "duration",
        "duration_unit",
        "demo_label",
    )
    list_filter = ("level", "service_mode", "is_demo", "field")
    search_fields = ("code", "name", "search_text")
    inlines = [FeeInline, DocumentInline, StepInline]
    filter_horizontal = ("agencies",)

    @admin.display(description=_("dữ liệu mẫu"), boolean=True, ordering="is_demo")
    def demo_label(self, obj: Procedure) -> bool:
        return obj.is_demo


admin.site.register(Field)
