"""Background work of the dossier engine, run by the task worker (`manage.py db_worker`)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.utils import translation
from django.utils.translation import gettext as _

from cchc.core.sms import send_sms

from .constants import Action

log = logging.getLogger(__name__)

_MESSAGES: dict[str, Callable[[], str]] = {
    Action.RECEIVE: lambda: _("Hồ sơ %(code)s đã được tiếp nhận. Ngày hẹn trả: %(due)s."),
    Action.REFUSE: lambda: _("Hồ sơ %(code)s không được tiếp nhận. Lý do: %(note)s"),
    Action.REQUEST_SUPPLEMENT: lambda: _("Hồ sơ %(code)s cần bổ sung: %(note)s"),
    Action.APOLOGISE: lambda: _("Hồ sơ %(code)s được hẹn lại ngày trả: %(due)s. %(note)s"),
    Action.APPROVE: lambda: _("Hồ sơ %(code)s đã có kết quả, mời ông/bà nhận kết quả."),
    Action.STOP: lambda: _("Hồ sơ %(code)s bị dừng xử lý. Lý do: %(note)s"),
}


NOTIFIED_ACTIONS = frozenset(_MESSAGES)


@task()
def notify_applicant(event_id: int) -> bool:
    """Tell the applicant, by SMS and e-mail (pluggable backends: `CCHC_SMS_BACKEND`,
    `CCHC_EMAIL_BACKEND`), what happened to their dossier."""
    from django.utils import timezone

    from .models import DossierEvent

    event = DossierEvent.objects.select_related("dossier").filter(pk=event_id).first()
    if event is None or event.action not in _MESSAGES:
        return False
    dossier = event.dossier
    if not dossier.applicant_email and not dossier.applicant_phone:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        due = (
            timezone.localtime(dossier.due_at).strftime("%H:%M %d/%m/%Y") if dossier.due_at else "—"
        )
        body = _MESSAGES[event.action]() % {"code": dossier.code, "due": due, "note": event.note}
        if dossier.applicant_phone:
            send_sms(dossier.applicant_phone, body)
        if dossier.applicant_email:
            send_mail(
                _("Thông báo về hồ sơ %(code)s") % {"code": dossier.code},
                body,
                settings.DEFAULT_FROM_EMAIL,
                [dossier.applicant_email],
            )
    log.info("notified applicant of %s about %s", dossier.code, event.action)
    return True
