"""Every saved or deleted staff assignment — through `org.services`, the administrator's
pages or Django's admin — moves its user's `roles_version`, so the per-process memo of
`permissions._assignments` is never stale on any node (decision 0009)."""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.db.models.signals import post_delete, post_save

from cchc.accounts.models import User

from .models import StaffAssignment


def _roles_changed(sender: Any, instance: StaffAssignment, **kwargs: Any) -> None:
    User.objects.filter(pk=instance.user_id).update(roles_version=F("roles_version") + 1)
    # The user object the change was made with (same request, a script) learns it too.
    if StaffAssignment.user.is_cached(instance):
        user = instance.user
        user.roles_version = (
            User.objects.filter(pk=user.pk).values_list("roles_version", flat=True).first() or 0
        )
        user.__dict__.pop("_cchc_assignments", None)


post_save.connect(_roles_changed, sender=StaffAssignment, dispatch_uid="org.roles_changed")
post_delete.connect(_roles_changed, sender=StaffAssignment, dispatch_uid="org.roles_deleted")
