"""Who may take an action: role-and-scope rules the specs name (DOMAIN.md §2).

Scope is decided by `cchc.org.permissions.has_role_in`: a role held in the agency where the
dossier was received (intake) or where it is now (current step's agency).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cchc.catalogue.constants import StepRole
from cchc.org.constants import StaffRole
from cchc.org.permissions import has_role_in

from .spec import Rule

if TYPE_CHECKING:
    from ..models import Dossier

R = StaffRole
STEP_ROLE_TO_STAFF: dict[str, str] = {
    StepRole.RECEIVING: R.RECEIVING,
    StepRole.PROCESSING: R.PROCESSING,
    StepRole.APPROVAL: R.APPROVER,
}


def applicant(dossier: Dossier, user: Any) -> bool:
    return user is not None and dossier.applicant_id is not None and dossier.applicant_id == user.pk


def at_intake(*roles: str) -> Rule:
    def rule(dossier: Dossier, user: Any) -> bool:
        return user is not None and has_role_in(user, dossier.intake_agency_id, *roles)

    return rule


def at_current(*roles: str) -> Rule:
    def rule(dossier: Dossier, user: Any) -> bool:
        return user is not None and has_role_in(user, dossier.current_agency_id, *roles)

    return rule


def step_holder(dossier: Dossier, user: Any) -> bool:
    """Holds the role the current step of the process template needs, at its agency."""
    from .steps import current_step

    if user is None:
        return False
    step = current_step(dossier)
    role = STEP_ROLE_TO_STAFF.get(step.role, R.PROCESSING) if step else R.PROCESSING
    return has_role_in(user, dossier.current_agency_id, role)


def platform(dossier: Dossier, user: Any) -> bool:
    """The platform itself (a verified payment notification): no user."""
    return user is None


def any_of(*rules: Rule) -> Rule:
    def rule(dossier: Dossier, user: Any) -> bool:
        return any(r(dossier, user) for r in rules)

    return rule
