"""The search reads the trigram indexes (PostgreSQL only: skipped on SQLite, which has no
such index; .ci/run runs it on PostgreSQL and allows only this module's skip)."""

from __future__ import annotations

import pytest
from django.db import connection

from cchc.dossiers.models import Dossier
from cchc.dossiers.selectors import search_dossiers

from .test_queue_columns import _counter

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="trigram indexes: PostgreSQL only"
    ),
]


@pytest.mark.parametrize(
    ("text", "index"),
    [("B2541", "dossier_code_trgm"), ("hoang thi lua", "dossier_applicant_trgm")],
)
def test_search_can_use_the_trigram_indexes(world, text, index):
    """The search's SQL matches the indexes' expressions (upper(code), the folded name): with
    sequential scans off, PostgreSQL reads the trigram index rather than scan the table."""
    _counter(world)
    qs = search_dossiers(Dossier.objects.order_by(), text)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = qs.explain()
    assert index in plan
