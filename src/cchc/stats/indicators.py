"""The ratios of DOMAIN.md §6, computed from `Inputs` (rollups and catalogue), shared by the
766 index and the plan's formulas.

Each function returns a `Ratio`: numerator, denominator and percent (2 decimals, None when the
denominator is 0 — "N/A", never 0 % or an error).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .inputs import Inputs, working_days_between


@dataclass(frozen=True)
class Ratio:
    numerator: float
    denominator: float
    percent: float | None

    @classmethod
    def of(cls, numerator: float, denominator: float, factor: Decimal = Decimal(1)) -> Ratio:
        """Percent rounded half up to 2 decimals (§6), None for a zero denominator."""
        if not denominator:
            return cls(numerator, denominator, None)
        exact = Decimal(100) * Decimal(str(numerator)) / Decimal(str(denominator)) * factor
        return cls(numerator, denominator, float(exact.quantize(CENT, rounding=ROUND_HALF_UP)))


CENT = Decimal("0.01")


def _flow_ratio(numerator: str, denominator: str) -> Callable[[Inputs], Ratio]:
    def compute(data: Inputs) -> Ratio:
        return Ratio.of(data.flows[numerator], data.flows[denominator])

    compute.__doc__ = f"{numerator} ÷ {denominator} over the period's rollups."
    return compute


# --- 1. transparency -------------------------------------------------------------------------


def publication_on_time(data: Inputs) -> Ratio:
    """1.1: procedures whose publishing decision (dated in the period) is dated at least 5
    working days before the legal basis takes effect ÷ such procedures with both dates."""
    rows = [
        data.catalogue.procedures[pid]
        for pid in data.procedures
        if not data.catalogue.procedures[pid].internal
    ]
    rows = [
        p
        for p in rows
        if p.decision_date and p.effective_date and data.start <= p.decision_date <= data.end
    ]
    good = sum(
        working_days_between(data.cal, p.decision_date, p.effective_date) >= 5  # type: ignore[arg-type]
        for p in rows
    )
    return Ratio.of(good, len(rows))


def _published_within(data: Inputs, decision, published) -> bool:
    return published is not None and (
        decision is None or working_days_between(data.cal, decision, published) <= 5
    )


def published_in_database(data: Inputs) -> Ratio:
    """1.2: procedures published in the national database ≤ 5 working days after their
    publishing decision ÷ procedures whose decision is dated in the period."""
    rows = [
        data.catalogue.procedures[pid]
        for pid in data.procedures
        if not data.catalogue.procedures[pid].internal
    ]
    rows = [p for p in rows if p.decision_date and data.start <= p.decision_date <= data.end]
    good = sum(_published_within(data, p.decision_date, p.published_date) for p in rows)
    return Ratio.of(good, len(rows))


def complete_publication(data: Inputs) -> Ratio:
    """1.3: procedures with all seven parts (name, sequence, method, dossier components, time
    limit, applicants, competent body) ÷ the scope's procedures."""
    rows = [
        data.catalogue.procedures[pid]
        for pid in data.procedures
        if not data.catalogue.procedures[pid].internal
    ]
    return Ratio.of(sum(p.complete for p in rows), len(rows))


sync_rate = _flow_ratio("synced", "received")
sync_rate.__doc__ = """1.4: dossiers synchronised to the national portal ÷ dossiers received
in the period (by NgayTiepNhan)."""


# --- 2. progress -----------------------------------------------------------------------------


def on_time(data: Inputs) -> Ratio:
    """2.1: dossiers finished or still in progress on time ÷ dossiers received on or before
    the period end and not finished before its start.

    denominator = received up to the end − ended before the start (stocks);
    numerator = ended in the period on time (or early) + in progress at the end and not past
    their due day = (received up to the end − "on-time window" closed up to the end).
    """
    denominator = data.stock_end["received"] - data.stock_before["ended"]
    in_progress_on_time = data.stock_end["received"] - data.stock_end["window_closed"]
    numerator = data.flows["ended_early"] + data.flows["ended_on_time"] + in_progress_on_time
    return Ratio.of(numerator, denominator)


def average_time(data: Inputs) -> Ratio:
    """2.2: average processing time per procedure = time of its finished dossiers ÷ their
    number, in the procedure's unit. [choice] Scored as procedures whose average is within
    their legal time limit ÷ procedures with finished dossiers in the period."""
    good = total = 0
    for pid, values in data.per_procedure.items():
        facts = data.catalogue.procedures.get(pid)
        if not values["finished"] or facts is None:
            continue
        total += 1
        good += values["processing_hours"] / values["finished"] <= facts.legal_hours + 1e-9
    return Ratio.of(good, total)


def late_count(data: Inputs) -> float:
    ratio = on_time(data)
    return ratio.denominator - ratio.numerator


# --- 3. online services ----------------------------------------------------------------------


def online_procedures(data: Inputs) -> Ratio:
    """3.1: procedures offering online service (full or partial) ÷ all procedures of the
    scope (catalogue, current state)."""
    rows = [data.catalogue.procedures[pid] for pid in data.procedures]
    rows = [p for p in rows if not p.internal]
    return Ratio.of(sum(p.online for p in rows), len(rows))


def national_portal_procedures(data: Inputs) -> Ratio:
    """Online procedures of the scope provided on the national portal ÷ online procedures."""
    rows = [data.catalogue.procedures[pid] for pid in data.procedures]
    rows = [p for p in rows if p.online and not p.internal]
    return Ratio.of(sum(p.on_portal for p in rows), len(rows))


def online_dossiers(data: Inputs) -> Ratio:
    """3.3: dossiers received online in the period (KenhThucHien = 2 and, for paper-result
    procedures, an electronic result issued) ÷ dossiers received × sync rate (1.4)."""
    sync = sync_rate(data)
    factor = (
        Decimal(str(sync.numerator)) / Decimal(str(sync.denominator))
        if sync.denominator
        else Decimal(0)
    )
    return Ratio.of(data.flows["online_counted"], data.flows["received"], factor)


online_share = _flow_ratio("online_counted", "received")
online_share.__doc__ = """3.3 without the sync factor: the plan's "share of dossiers handled
online" (the factor is a 766 scoring device for unsynchronised data)."""


def payment_integration(data: Inputs) -> Ratio:
    """3.5: procedures with fee data on at least one dossier in the period ÷ procedures of the
    scope with a non-zero fee in the catalogue."""
    fee_bearing = {pid for pid in data.procedures if data.catalogue.procedures[pid].fee_bearing}
    return Ratio.of(len(fee_bearing & data.fee_data_procedures), len(fee_bearing))


online_payment = _flow_ratio("paid_online", "fee_due")
online_payment.__doc__ = """3.6: dossiers paid online (DuocThanhToanTrucTuyen 1 or 2) ÷
(dossiers of fee-bearing procedures − those whose every fee line is 0)."""


# --- 4. digitisation -------------------------------------------------------------------------

electronic_results = _flow_ratio("e_result", "paper_finished")
electronic_results.__doc__ = """4.1: dossiers of paper-result procedures with an electronic
result file ÷ dossiers of paper-result procedures [choice: that have a result, i.e. finished]."""

digitised_dossiers = _flow_ratio("digitised", "received")
digitised_dossiers.__doc__ = """4.2: dossiers with files attached to their components and, for
paper-result procedures once finished, an electronic result ÷ all dossiers received."""

reuse = _flow_ratio("reused", "received")
reuse.__doc__ = """4.3: dossiers received in the period with at least one component reused
from digitised data ÷ dossiers received in the period."""

national_store = _flow_ratio("national_store", "received")
national_store.__doc__ = """4.4: dossiers with a component taken from the national store ÷
dossiers received."""

population_data = _flow_ratio("vneid", "received")
population_data.__doc__ = """4.5: dossiers whose applicant is VNeID-authenticated ÷ dossiers
received."""

population_data_online = _flow_ratio("vneid_online", "online")
population_data_online.__doc__ = """4.5 restricted to online dossiers (KenhThucHien = 2)."""

electronic_routing = _flow_ratio("routed", "needs_routing")
electronic_routing.__doc__ = """Dossiers that needed routing between agencies (intake ≠
competent agency, or a template step in another agency) with the hand-over recorded on the
platform ÷ dossiers that needed routing."""


# --- 5. satisfaction -------------------------------------------------------------------------


def dossier_satisfaction(data: Inputs) -> Ratio:
    """5.4: 100 % − (late-dossier rate + rate of dossiers rated "Không hài lòng"), both over
    the 2.1 denominator; ratings are counted on the day they were given."""
    ratio = on_time(data)
    late = ratio.denominator - ratio.numerator
    disliked = data.flows["rated_1"]
    return Ratio.of(max(ratio.denominator - late - disliked, 0), ratio.denominator)


def rating_satisfaction(data: Inputs) -> Ratio:
    """Ratings "Rất hài lòng" + "Hài lòng" ÷ all ratings given in the period."""
    f = data.flows
    return Ratio.of(f["rated_2"] + f["rated_3"], f["rated_1"] + f["rated_2"] + f["rated_3"])


def internal_procedures_published(data: Inputs) -> Ratio:
    """Internal procedures published (in the database, ≤ 5 working days after the publishing
    decision when there is one — the 1.2 rule) ÷ active internal procedures of the scope."""
    rows = [data.catalogue.procedures[pid] for pid in data.procedures]
    rows = [p for p in rows if p.internal]
    good = sum(_published_within(data, p.decision_date, p.published_date) for p in rows)
    return Ratio.of(good, len(rows))
