"""Helpers of the back-office tests (the `world` fixture comes from the test kit's plugin)."""

from __future__ import annotations

from cchc.dossiers import services
from cchc.dossiers.models import Dossier
from cchc.dossiers.services import ApplicantData
from cchc_testkit.world import World


def counter_dossier(world: World, procedure=None, **kwargs) -> Dossier:
    """A dossier received at the province centre's counter by the receiving officer."""
    return services.intake_at_counter(
        world.receiving,
        world.centre,
        procedure or world.procedure,
        ApplicantData(
            name="Nguyễn Thị Hoà", national_id="008190001234", phone="0912345678", address="Tổ 5"
        ),
        **kwargs,
    )
