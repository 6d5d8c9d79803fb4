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
