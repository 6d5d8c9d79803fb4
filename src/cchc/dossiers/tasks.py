"""Background work of the dossier engine, run by the task worker (`manage.py db_worker`)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.utils import translation
from django.utils.translation import gettext as _

from cchc.core.sms import send_sms

log = logging.getLogger(__name__)


class DeliveryFailed(Exception):
    """Some listeners of a domain event failed; the task fails visibly (logged, kept in the
    task results) instead of pretending it was delivered."""


@task()
def dispatch_event(dossier_id: int, event_id: int | None, action: str, notify: bool) -> None:
    """Deliver one committed change (decision 0009): send the domain event
    `dossier_transitioned` to its listeners (statistics, the national sync) and then, when the
    action has one, the applicant's notice. Queued by the door in the change's own transaction,
    so it exists exactly when the change does. One listener's failure stops neither the others
    nor the notice; it is logged and the task ends failed."""
    from .models import Dossier
    from .signals import dossier_transitioned

    answers = dossier_transitioned.send_robust(
        sender=Dossier, dossier_id=dossier_id, event_id=event_id, action=action
    )
    failed = [(receiver, error) for receiver, error in answers if isinstance(error, Exception)]
    for receiver, error in failed:
        log.error(
            "listener %r failed on %s of dossier %s",
            receiver,
            action,
            dossier_id,
            exc_info=(type(error), error, error.__traceback__),
        )
    if notify and event_id is not None:
        notify_applicant.call(event_id)
    if failed:
        raise DeliveryFailed(f"{len(failed)} listener(s) failed on {action} of {dossier_id}")


@task()
def notify_applicant(event_id: int) -> bool:
    """Tell the applicant, by SMS and e-mail (pluggable backends: `CCHC_SMS_BACKEND`,
    `CCHC_EMAIL_BACKEND`), what happened to their dossier: the notice of the action's spec
    (`cchc.dossiers.workflow`)."""
    from .models import DossierEvent
    from .workflow import notice_text

    event = DossierEvent.objects.select_related("dossier").filter(pk=event_id).first()
    if event is None:
        return False
    dossier = event.dossier
    if not dossier.applicant_email and not dossier.applicant_phone:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        body = notice_text(event)
        if body is None:
            return False
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
