"""Staff roles are kept per process by the user's `roles_version`; every change of an
assignment, by any path, moves it, so another request (another object, another node) never
acts on roles that were taken away or misses ones just given."""

from __future__ import annotations

import pytest

from cchc.accounts.models import User
from cchc.org.constants import StaffRole
from cchc.org.models import StaffAssignment
from cchc.org.permissions import has_role, is_staff_member

pytestmark = pytest.mark.django_db


def fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)  # what the next request's authentication loads


def test_a_removed_assignment_is_gone_for_the_next_request(world):
    officer = world.processing
    assert is_staff_member(fresh(officer))
    # Deleted by another path than the services (Django's admin): the signal still counts.
    for assignment in list(StaffAssignment.objects.filter(user_id=officer.pk)):
        assignment.delete()
    assert not is_staff_member(fresh(officer))


def test_a_new_role_is_seen_by_the_next_request(world):
    officer = world.processing
    assert not has_role(fresh(officer), StaffRole.APPROVER)
    StaffAssignment.objects.create(
        user_id=officer.pk, agency=world.department, role=StaffRole.APPROVER
    )
    assert has_role(fresh(officer), StaffRole.APPROVER)
