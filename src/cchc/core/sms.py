"""Text messages (SMS) through a pluggable backend, chosen by `CCHC_SMS_BACKEND`.

A province plugs its SMS gateway by naming a class with `send(phone, text)`; the default
writes the message to the log (and so to the console in the demo), like Django's console
e-mail backend.
"""

from __future__ import annotations

import logging
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

log = logging.getLogger("cchc.sms")


class SmsBackend(Protocol):
    def send(self, phone: str, text: str) -> None: ...


class ConsoleSmsBackend:
    """Writes each message to the log instead of sending it (demo, development)."""

    def send(self, phone: str, text: str) -> None:
        log.info("SMS to %s: %s", phone, text)


outbox: list[tuple[str, str]] = []


class LocmemSmsBackend:
    """Keeps messages in `outbox` (tests)."""

    def send(self, phone: str, text: str) -> None:
        outbox.append((phone, text))


def send_sms(phone: str, text: str) -> None:
    if not phone:
        return
    backend: SmsBackend = import_string(settings.SMS_BACKEND)()
    backend.send(phone, text)
