"""One-time codes for password reset: 6 digits, hashed at rest, 10 minutes, 5 tries, single
use, at most `DAILY_CAP` a day per account (issue 15 §2).

The code is made by the task worker, not by the request (issue 15 §3): the request writes a
pending row and queues `accounts.tasks.send_code`; the worker draws the code, stores its hash
and sends it by SMS and e-mail. So the code never passes through a request, the task queue or
a log, and a failing mail or SMS backend costs the user nothing but a resend.
"""

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
DAILY_CAP = 5  # codes a day per account; wrong tries a day are capped at DAILY_CAP × MAX_ATTEMPTS
_PENDING = ""  # code_hash of a row whose code the worker has not drawn yet


def _digest(code: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), code.encode(), hashlib.sha256).hexdigest()


def issue(user: User, purpose: str = OneTimeCode.Purpose.PASSWORD_RESET) -> bool:
    """Queue a fresh code for the user's phone (and e-mail). False when asked again too soon
    or more than `DAILY_CAP` times in a day."""
    from .tasks import send_code

    now = timezone.now()
    mine = OneTimeCode.objects.filter(user=user, purpose=purpose)
    if mine.filter(created_at__gt=now - RESEND_AFTER).exists():
        return False
    if mine.filter(created_at__gt=now - dt.timedelta(days=1)).count() >= DAILY_CAP:
        return False
    otp = OneTimeCode.objects.create(
        user=user, purpose=purpose, code_hash=_PENDING, expires_at=now + LIFETIME
    )
    send_code.enqueue(otp.pk)
    return True


def draw_and_send(otp_id: int) -> bool:
    """In the worker: draw the code of a pending row, keep its hash, send it. Once: a row
    already drawn (a retried task) is not sent again."""
    with transaction.atomic():
        otp = (
            OneTimeCode.objects.select_for_update()
            .select_related("user")
            .filter(pk=otp_id, code_hash=_PENDING, expires_at__gt=timezone.now())
            .first()
        )
        if otp is None:
            return False
        code = f"{secrets.randbelow(10**6):06d}"
        otp.code_hash = _digest(code)
        otp.save(update_fields=["code_hash"])
    user = otp.user
    text = _(
        "Mã xác nhận đặt lại mật khẩu Dịch vụ công Tuyên Quang: %(code)s (hiệu lực 10 phút)."
    ) % {"code": code}
    send_sms(user.phone, text)
    if user.email:
        send_mail(
            _("Mã xác nhận đặt lại mật khẩu"), text, settings.DEFAULT_FROM_EMAIL, [user.email]
        )
    return True


def verify(user: User, code: str, purpose: str = OneTimeCode.Purpose.PASSWORD_RESET) -> bool:
    """True once for the latest valid code; every wrong try counts against it."""
    with transaction.atomic():
        otp = (
            OneTimeCode.objects.select_for_update()
            .filter(user=user, purpose=purpose, used_at__isnull=True, expires_at__gt=timezone.now())
            .exclude(code_hash=_PENDING)
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
