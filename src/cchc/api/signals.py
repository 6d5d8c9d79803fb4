"""A user's API tokens are revoked when their password changes (`User.set_password`, by any
path) or their staff roles change (`org.signals` moves `roles_version`): whoever held the
token must sign in again with what is true now (issue 15 §2)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from rest_framework.authtoken.models import Token

from cchc.accounts.models import User
from cchc.org.signals import roles_changed


def _password_changed(sender: Any, instance: User, **kwargs: Any) -> None:
    if getattr(instance, "_password_changed", False):
        Token.objects.filter(user_id=instance.pk).delete()
        instance._password_changed = False


def _roles_changed(sender: Any, user_id: int, **kwargs: Any) -> None:
    Token.objects.filter(user_id=user_id).delete()


post_save.connect(_password_changed, sender=User, dispatch_uid="api.password_changed")
roles_changed.connect(_roles_changed, dispatch_uid="api.roles_changed")
