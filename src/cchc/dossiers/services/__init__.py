"""The only code that changes a dossier's state (DOMAIN.md §2–§3).

- `door.py` — `transition()`: lock, check, apply, event, publish; `may_perform`, `allowed_actions`.
- `intake.py` — online submission and counter intake, routing, dossier codes.
- `transitions.py` — receive, refuse, forward, supplement, payment, withdraw, stop, apologise,
  approve, return.
"""

from .door import DossierRef, allowed_actions, current_step, may_perform, transition
from .intake import (
    ApplicantData,
    competent_agency,
    intake_at_counter,
    next_dossier_code,
    online_intake_agency,
    refuse_at_counter,
    submit_online,
)
from .transitions import (
    apologise,
    approve,
    complete_supplement,
    confirm_payment,
    forward,
    receive,
    refuse,
    request_payment,
    request_supplement,
    return_result,
    stop,
    withdraw,
)

__all__ = [
    "ApplicantData",
    "DossierRef",
    "allowed_actions",
    "apologise",
    "approve",
    "competent_agency",
    "complete_supplement",
    "confirm_payment",
    "current_step",
    "forward",
    "intake_at_counter",
    "may_perform",
    "next_dossier_code",
    "online_intake_agency",
    "receive",
    "refuse",
    "refuse_at_counter",
    "request_payment",
    "request_supplement",
    "return_result",
    "stop",
    "submit_online",
    "transition",
    "withdraw",
]
