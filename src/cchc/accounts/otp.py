"""One-time codes for password reset: 6 digits, hashed at rest, 10 minutes, 5 tries, single use."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.core.sms import send_sms

from .models import OneTimeCode, User

LIFETIME = dt.timedelta(minutes=10)
MAX_ATTEMPTS = 5
RESEND_AFTER = dt.timedelta(seconds=60)


def _digest(code: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), code.encode(), hashlib.sha256).hexdigest()


def issue(user: User, purpose: str = OneTimeCode.Purpose.PASSWORD_RESET) -> bool:
    """Send a fresh code to the user's phone (and e-mail). False when asked again too soon."""
    now = timezone.now()
    recent = OneTimeCode.objects.filter(
        user=user, purpose=purpose, created_at__gt=now - RESEND_AFTER
    ).exists()
    if recent:
        return False
    code = f"{secrets.randbelow(10**6):06d}"
    OneTimeCode.objects.create(
        user=user, purpose=purpose, code_hash=_digest(code), expires_at=now + LIFETIME
    )
    text = _(
        "Mã xác nhận đặt lại mật khẩu Dịch vụ công Tuyên Quang: %(code)s (hiệu lực 10 phút)."
    ) % {"code": code}
    transaction.on_commit(lambda: _deliver(user, text))
    return True


def _deliver(user: User, text: str) -> None:
    send_sms(user.phone, text)
    if user.email:
        send_mail(
            _("Mã xác nhận đặt lại mật khẩu"), text, settings.DEFAULT_FROM_EMAIL, [user.email]
        )


def verify(user: User, code: str, purpose: str = OneTimeCode.Purpose.PASSWORD_RESET) -> bool:
    """True once for the latest valid code; every wrong try counts against it."""
    with transaction.atomic():
        otp = (
            OneTimeCode.objects.select_for_update()
            .filter(user=user, purpose=purpose, used_at__isnull=True, expires_at__gt=timezone.now())
            .order_by("-created_at")
            .first()
        )
        if otp is None or otp.attempts >= MAX_ATTEMPTS:
            return False
        if not hmac.compare_digest(otp.code_hash, _digest(code)):
            otp.attempts += 1
            otp.save(update_fields=["attempts"])
            return False
        otp.used_at = timezone.now()
        otp.save(update_fields=["used_at"])
        return True
