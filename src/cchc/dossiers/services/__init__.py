"""The service functions of the dossier engine, the only code that changes a dossier.

- `cchc.dossiers.workflow` — one module per action (spec + service function) and the door.
- `intake.py` — online submission, counter intake and counter guidance, routing, codes.
"""

from ..workflow import allowed_actions
from ..workflow.add_document import add_document
from ..workflow.apologise import apologise
from ..workflow.approve import approve
from ..workflow.attach_result import attach_result
from ..workflow.complete_supplement import complete_supplement
from ..workflow.confirm_payment import confirm_payment
from ..workflow.door import DossierRef, perform
from ..workflow.exempt_fee import exempt_fee
from ..workflow.forward import forward
from ..workflow.rate import rate
from ..workflow.receive import receive
from ..workflow.refuse import refuse
from ..workflow.request_payment import request_payment
from ..workflow.request_supplement import request_supplement
from ..workflow.return_result import return_result
from ..workflow.send_back import send_back
from ..workflow.steps import current_step
from ..workflow.stop import stop
from ..workflow.withdraw import withdraw
from .intake import (
    ApplicantData,
    competent_agency,
    give_counter_guidance,
    intake_at_counter,
    next_dossier_code,
    online_intake_agency,
    refuse_at_counter,
    submit_online,
)

__all__ = [
    "ApplicantData",
    "DossierRef",
    "add_document",
    "allowed_actions",
    "apologise",
    "approve",
    "attach_result",
    "competent_agency",
    "complete_supplement",
    "confirm_payment",
    "current_step",
    "exempt_fee",
    "forward",
    "give_counter_guidance",
    "intake_at_counter",
    "next_dossier_code",
    "online_intake_agency",
    "perform",
    "rate",
    "receive",
    "refuse",
    "refuse_at_counter",
    "request_payment",
    "request_supplement",
    "return_result",
    "send_back",
    "stop",
    "submit_online",
    "withdraw",
]
