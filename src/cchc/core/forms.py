"""Form rendering for every page: Bootstrap markup, labels tied to inputs, errors announced."""

from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    field_template_name = "forms/field.html"
