"""Template filters shared by the pages."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def vnd(amount: int | None) -> str:
    """50000 → "50.000 đồng" (Vietnamese grouping with dots)."""
    if amount is None:
        return ""
    return f"{int(amount):,}".replace(",", ".") + " đồng"
