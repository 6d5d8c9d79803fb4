"""Who reports, reviews, approves and watches the plan (docs/forecast.md, "Who does what").

- The plan file names each reported target's agency in words ("Sở Nội vụ"); it maps to an
  `org.Agency` by exact name or short name among province-level agencies, with the aliases
  below. Staff of that agency with a processing, approver or agency-admin role enter its
  figures. A name with no agency (e.g. a department missing from the organisation) is
  reported by the province administrators on its behalf.
- Review (thẩm định): province administrators — the PAR secretariat.
- Approval (phê duyệt): leadership — the monitor role — or a province administrator, never
  the person who submitted or reviewed the same version (four eyes).
- Dashboard: monitors, province administrators and approvers of province-level agencies.
"""

from __future__ import annotations

from typing import Any

from cchc.org.constants import AgencyKind, StaffRole, UnitLevel
from cchc.org.models import Agency
from cchc.org.permissions import agency_ids_with_role, has_role, is_staff_member

from .models import Target

# Names the plan uses for an agency whose organisation row is named differently.
AGENCY_ALIASES: dict[str, AgencyKind] = {
    # The office of the Provincial People's Committee reports for the committee itself.
    "Văn phòng UBND tỉnh": AgencyKind.PROVINCE_COMMITTEE,
    "Văn phòng Ủy ban nhân dân tỉnh": AgencyKind.PROVINCE_COMMITTEE,
}

REPORTER_ROLES = (StaffRole.PROCESSING, StaffRole.APPROVER, StaffRole.AGENCY_ADMIN)


def province_agencies() -> list[Agency]:
    return list(
        Agency.objects.filter(unit__level=UnitLevel.PROVINCE, is_active=True)
        .exclude(kind__in=[AgencyKind.COMMUNE_COMMITTEE, AgencyKind.COMMUNE_CENTRE])
        .order_by("code")
    )


class AgencyDirectory:
    """The plan's agency names resolved against the organisation, looked up once."""

    def __init__(self) -> None:
        self.agencies = province_agencies()
        self._by_name: dict[str, Agency] = {}
        for agency in self.agencies:
            for name in (agency.name, agency.short_name):
                if name:
                    self._by_name.setdefault(name.casefold(), agency)
        for alias, kind in AGENCY_ALIASES.items():
            match = next((a for a in self.agencies if a.kind == kind), None)
            if match is not None:
                self._by_name.setdefault(alias.casefold(), match)

    def resolve(self, name: str) -> Agency | None:
        return self._by_name.get(name.strip().casefold()) if name else None


def responsible_agency(target: Target, directory: AgencyDirectory | None = None) -> Agency | None:
    return (directory or AgencyDirectory()).resolve(target.reporting_agency)


def _is_admin(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False)) or has_role(user, StaffRole.PROVINCE_ADMIN)


def may_report(user: Any, target: Target, directory: AgencyDirectory | None = None) -> bool:
    if not getattr(user, "is_authenticated", False) or target.measurement != "reported":
        return False
    if _is_admin(user):
        return True
    agency = responsible_agency(target, directory)
    return agency is not None and agency.pk in agency_ids_with_role(user, REPORTER_ROLES)


def reporter_agency_ids(user: Any) -> set[int]:
    return agency_ids_with_role(user, REPORTER_ROLES)


def may_review(user: Any) -> bool:
    return _is_admin(user)


def may_approve(user: Any) -> bool:
    return _is_admin(user) or has_role(user, StaffRole.MONITOR)


def sees_dashboard(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if _is_admin(user) or has_role(user, StaffRole.MONITOR):
        return True
    if not is_staff_member(user):
        return False
    approver_at = agency_ids_with_role(user, [StaffRole.APPROVER])
    return (
        bool(approver_at)
        and Agency.objects.filter(pk__in=approver_at, unit__level=UnitLevel.PROVINCE)
        .exclude(kind__in=[AgencyKind.COMMUNE_COMMITTEE, AgencyKind.COMMUNE_CENTRE])
        .exists()
    )


def may_use_reports(user: Any) -> bool:
    """Whether the reports pages open at all: reporters, reviewers, approvers."""
    return bool(reporter_agency_ids(user)) or may_review(user) or may_approve(user)
