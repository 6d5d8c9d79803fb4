"""Shared form helpers: Bootstrap classes on every widget, invalid fields marked."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

DATE_INPUT = {"type": "date"}


def date_widget() -> forms.DateInput:
    # The HTML date input exchanges ISO dates whatever the display locale.
    return forms.DateInput(attrs=DATE_INPUT, format="%Y-%m-%d")


class StyledFormMixin:
    """Adds Bootstrap's classes to the widgets and `is-invalid` to the fields in error."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.ChoiceField) and not isinstance(
                field, forms.ModelChoiceField
            ):
                choices = list(cast(Iterable[Any], field.choices))
                if choices and choices[0][0] == "":
                    # Django's own blank label is English-only in this release.
                    field.choices = [("", _("— Chọn —")), *choices[1:]]
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
                css = ""
            elif isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            if css:
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in getattr(self, "_errors", None) or {}:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()
