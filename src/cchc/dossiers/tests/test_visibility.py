"""Who sees which dossier: the query (`visible_dossiers`, lists and searches) and the check the
door makes on a row it has locked (`may_see`) are the same rule — for every user of the test
world and dossiers in every hand (received at the province centre and at a commune, held by
the department and by the tax agency, filed at the counter)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from cchc.dossiers import services
from cchc.dossiers.selectors import may_see, visible_dossiers
from cchc.dossiers.services import ApplicantData
from cchc.dossiers.tests.factories import SUBMITTED, DossierFactory
from cchc_testkit.clients import api_client_for

pytestmark = pytest.mark.django_db


def _at_the_commune(w):  # type: ignore[no-untyped-def]
    data = ApplicantData(name="Trần Văn Mười", summary="Hồ sơ cấp xã")
    return services.submit_online(
        w.other_citizen, w.commune_procedure, data, commune_unit_id=w.commune.pk, at=SUBMITTED
    )


def test_may_see_is_visible_dossiers_for_every_user_and_dossier(world):
    w = world
    DossierFactory(world=w)  # new, at the province centre
    DossierFactory(world=w, received=True)  # forwarded to the department
    DossierFactory(world=w, counter=True, applicant=w.other_citizen, received=True)
    _at_the_commune(w)
    DossierFactory(world=w, procedure=w.land_procedure, received=True)
    from cchc.dossiers.models import Dossier

    dossiers = list(Dossier.objects.all())
    users = [
        w.receiving, w.processing, w.approver, w.tax_officer, w.commune_receiving,
        w.commune_processing, w.commune_approver, w.other_processing, w.monitor, w.admin,
        w.citizen, w.other_citizen, AnonymousUser(),
    ]  # fmt: skip
    seen_by_someone_else = 0
    for user in users:
        visible = set(visible_dossiers(user).values_list("pk", flat=True))
        for dossier in dossiers:
            assert may_see(user, dossier) == (dossier.pk in visible), (user, dossier.code)
        seen_by_someone_else += len(dossiers) - len(visible)
    # The table is not trivial: some users do not see some dossiers.
    assert seen_by_someone_else > 0


def test_an_action_on_a_dossier_the_user_may_not_see_answers_404(world):
    dossier = _at_the_commune(world)
    response = api_client_for(world.receiving).post(
        f"/api/v1/dossiers/{dossier.code}/actions/receive", {}, format="json"
    )
    assert response.status_code == 404
    dossier.refresh_from_db()
    assert dossier.status == 1 and dossier.version == 1
