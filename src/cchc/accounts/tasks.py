"""Background work of the accounts: sending one-time codes (drawn by the worker, `otp`)."""

from __future__ import annotations

from django.tasks import task


@task()
def send_code(otp_id: int) -> bool:
    from .otp import draw_and_send

    return draw_and_send(otp_id)
