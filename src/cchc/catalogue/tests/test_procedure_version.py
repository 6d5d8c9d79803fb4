"""A procedure's `updated_at` is its version: a change of a fee line, step or document moves
it, so the per-process memos keyed by it (the fee total a transition's guard reads, the
process template) see the change at once in every process."""

from __future__ import annotations

import pytest

from cchc.catalogue.models import FeeLine, Procedure
from cchc.catalogue.selectors import catalogue_fee_total

pytestmark = pytest.mark.django_db


def fresh(procedure: Procedure) -> Procedure:
    return Procedure.objects.get(pk=procedure.pk)  # as the next transition's locked read


def test_a_new_fee_line_is_counted_at_once(world):
    procedure = world.procedure
    before = catalogue_fee_total(fresh(procedure))
    FeeLine.objects.create(procedure=procedure, name="Lệ phí cấp bản sao", amount=15000)
    assert catalogue_fee_total(fresh(procedure)) == before + 15000


def test_a_deleted_fee_line_is_forgotten_at_once(world):
    procedure = world.land_procedure
    line = FeeLine.objects.create(procedure=procedure, name="Phí thẩm định", amount=500000)
    before = catalogue_fee_total(fresh(procedure))
    assert before >= 500000
    line.delete()
    assert catalogue_fee_total(fresh(procedure)) == before - line.amount
