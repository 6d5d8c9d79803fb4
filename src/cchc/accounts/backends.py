"""Password sign-in by citizen identity number, tax code or (staff) user name.

Other ways to sign in (VNeID through OpenID Connect, say) are added as providers in
`providers.py`; they authenticate elsewhere and end in `django.contrib.auth.login`.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Q


class IdentityNumberBackend(ModelBackend):
    """`username` may be the 12-digit CCCD number, the tax code or the account's user name."""

    def authenticate(
        self, request: Any, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> Any:
        if not username or password is None:
            return None
        login = "".join(username.split())
        User = get_user_model()
        candidates = list(
            User.objects.filter(
                Q(username=login) | Q(national_id=login) | Q(tax_code=login)
            ).exclude(national_id="", tax_code="", username="")[:2]
        )
        if len(candidates) != 1:
            User().set_password(password)  # same work as a real check: no timing oracle
            return None
        user = candidates[0]
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
