"""Pages of the back office (/mot-cua/): home, counter intake, queues, dossier page, register."""

from .dossier import dossier_action, dossier_detail, dossier_document, dossier_form
from .home import home, queue
from .intake import guidance_done, guidance_form, intake, intake_done
from .register import register

__all__ = [
    "dossier_action",
    "dossier_detail",
    "dossier_document",
    "dossier_form",
    "guidance_done",
    "guidance_form",
    "home",
    "intake",
    "intake_done",
    "queue",
    "register",
]
