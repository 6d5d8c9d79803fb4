"""The Tuyên Quang plan file holds every numeric target of the seed, each with a measurement."""

from __future__ import annotations

import collections
import hashlib
import json
from pathlib import Path

import pytest

from cchc.plan.constants import MeasurementKind
from cchc.plan.loader import PLANS_DIR, PlanFileError, load_plan, read_plan_file, target_fields
from cchc.plan.models import Plan, Target

PLAN_FILE = PLANS_DIR / "tuyen_quang_2021_2030.yaml"
SEED = Path(__file__).resolve().parents[5] / "shared" / "seed" / "000_de54bd7c1f2ad1a0.txt"
SEED_FACTS = Path(__file__).with_name("seed_facts.json")

# Counted by hand in the seed, paragraph by paragraph (the tally is repeated at the end of the
# plan file):
#   headline PAR INDEX ≥ 86 % by 2025 ......................................... 1
#   "Thứ nhất" (institutions): 100 % legal documents ......................... 1
#   "Thứ hai" (procedures): routing 80, payment 80/30, digitised 100, online 80, of which
#     on the national portal 80, online dossiers 50, satisfaction 90 / land-construction-
#     investment 85, internal procedures 90, no re-submission 80 (11); 2030: payment 100/50,
#     online 90, all on the national portal, online dossiers 80, e-identity 90,
#     satisfaction 95/90 (8) ................................................. 19
#   "Thứ ba" (organisation): units −6–10 %, staff −10 % vs 2021, satisfaction 90 / health-
#     education 85 (4); 2030: staff −10 % vs 2025, satisfaction 95/90 (3) ...... 7
#   "Thứ tư" (civil service): qualifications 6, training 5, digital skills 2 (13);
#     2030: 7 ................................................................. 20
#   "Thứ năm" (public finance): 20 % self-financing, −15 %, −10 %, 100 % conversion (4);
#     2030: −15 % (1) .......................................................... 5
#   "Thứ sáu" (digital government): 2 + 2 + 9 + 4 operational, 15 "Mỗi …" society targets
#     (32); 2030: level-4 on all devices, work files 100/90/70, inspections 70, bank
#     accounts 80 (6) ......................................................... 38
SEED_TARGETS = 91
PER_AREA = {0: 1, 1: 1, 2: 19, 3: 7, 4: 20, 5: 5, 6: 38}


@pytest.fixture(scope="module")
def document():
    return read_plan_file(PLAN_FILE)


def test_every_seed_target_is_in_the_file(document):
    targets = document["targets"]
    assert len(targets) == SEED_TARGETS
    assert collections.Counter(t["area"] for t in targets) == PER_AREA
    assert len({t["id"] for t in targets}) == SEED_TARGETS


def test_every_target_has_a_measurement(document):
    for item in document["targets"]:
        fields = target_fields(item)  # raises PlanFileError when incomplete
        if fields["measurement"] == MeasurementKind.COMPUTED:
            assert fields["formula"], item["id"]
        else:
            assert fields["reporting_agency"] and fields["frequency"] and fields["evidence"]


def test_area_2_procedure_targets_are_computed_from_platform_data(document):
    computed = {t["id"] for t in document["targets"] if t["measurement"]["kind"] == "computed"}
    for key in (
        "2.electronic-routing-2025",
        "2.online-payment-procedures-2025",
        "2.online-payment-transactions-2025",
        "2.digitised-results-2025",
        "2.online-procedures-2025",
        "2.national-portal-procedures-2025",
        "2.online-dossiers-2025",
        "2.satisfaction-2025",
        "2.satisfaction-land-construction-investment-2025",
        "2.internal-procedures-published-2025",
        "2.no-resubmission-2025",
    ):
        assert key in computed, key


def test_texts_are_verbatim_from_the_seed(document):
    """Every target's text is word for word a slice of the seed. The seed lives beside the
    project, not in it, so what this needs is committed in `seed_facts.json`: the seed's
    SHA-256 and, per target, where its text stands in the seed and the SHA-256 of that slice.
    The check never skips: without the seed it holds the texts to the committed slices; with
    the seed (this workplace) it also proves the seed is the one the facts came from."""
    facts = json.loads(SEED_FACTS.read_text(encoding="utf-8"))
    texts = {t["id"]: t["text"] for t in document["targets"]}
    assert set(facts["targets"]) == set(texts)
    for key, text in texts.items():
        span = facts["targets"][key]
        assert hashlib.sha256(text.encode()).hexdigest() == span["sha256"], key
        assert len(text) == span["end"] - span["start"], key
    if SEED.exists():
        raw = SEED.read_bytes()
        assert hashlib.sha256(raw).hexdigest() == facts["sha256"]
        seed = raw.decode("utf-8")
        assert {k: seed[v["start"] : v["end"]] for k, v in facts["targets"].items()} == texts


def _write_seed_facts() -> None:
    """Regenerate `seed_facts.json` from the seed beside the project:
    DJANGO_SETTINGS_MODULE=cchc.settings CCHC_DEBUG=1 .venv/bin/python -c "import django;
    django.setup(); from cchc.plan.tests.test_plan_file import _write_seed_facts as w; w()"
    """
    raw = SEED.read_bytes()
    seed = raw.decode("utf-8")
    spans = {}
    for item in read_plan_file(PLAN_FILE)["targets"]:
        start = seed.index(item["text"])
        spans[item["id"]] = {
            "start": start,
            "end": start + len(item["text"]),
            "sha256": hashlib.sha256(item["text"].encode()).hexdigest(),
        }
    facts = json.loads(SEED_FACTS.read_text(encoding="utf-8"))
    facts.update(sha256=hashlib.sha256(raw).hexdigest(), characters=len(seed), targets=spans)
    SEED_FACTS.write_text(
        json.dumps(facts, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )


@pytest.mark.django_db
def test_loading_twice_is_idempotent_and_a_second_plan_fits_beside(tmp_path):
    first = load_plan(PLAN_FILE)
    again = load_plan(PLAN_FILE)
    assert (first.targets, again.targets, again.removed) == (SEED_TARGETS, SEED_TARGETS, 0)
    revised = tmp_path / "revised.yaml"
    revised.write_text(
        PLAN_FILE.read_text(encoding="utf-8").replace("version: 1", "version: 2", 1),
        encoding="utf-8",
    )
    load_plan(revised)
    assert Plan.objects.count() == 2
    assert Target.objects.count() == 2 * SEED_TARGETS
    par = Target.objects.get(plan__version=1, key="0.par-index-2025")
    assert (par.comparator, par.value, par.year) == (">=", 86, 2025)
    units = Target.objects.get(plan__version=1, key="3.public-service-units-reduction-2025")
    assert (units.comparator, units.value, units.value_max) == ("range", 6, 10)
    assert units.baseline == {"year": 2021}


def test_an_incomplete_target_is_refused():
    with pytest.raises(PlanFileError, match="needs agency"):
        target_fields(
            {
                "id": "x.y",
                "text": "t",
                "metric": "m",
                "unit": "%",
                "comparator": ">=",
                "value": 1,
                "year": 2025,
                "measurement": {"kind": "reported"},
            }
        )
    with pytest.raises(PlanFileError, match="year"):
        target_fields(
            {
                "id": "x.y",
                "text": "t",
                "metric": "m",
                "unit": "%",
                "comparator": ">=",
                "value": 1,
                "year": 2024,
                "measurement": {"kind": "computed", "formula": "f"},
            }
        )
