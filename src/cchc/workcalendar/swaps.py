"""Official civil-service day swaps shipped with cchc, read from ``data/official_swaps.yaml``.

DOMAIN.md §3: the Prime Minister decides each year's civil-service schedule, often swapping a
working day next to a holiday for a Saturday worked later. The ``holidays`` package knows most
swaps but not all (0.109 lacks the 2026 New Year swap: Fri 2 Jan 2026 off, Sat 10 Jan 2026
worked); such official swaps are data the platform ships, with their source, not something
each province must discover and type in. :mod:`cchc.workcalendar.selectors` layers them over
the package and under the province's overrides.

Pure module: no ORM, no settings. The file is validated as a whole when first read; a
malformed file raises :class:`SwapFileError` naming the entry and the field.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Final

import yaml

from .calendar import KIND_DAY_OFF, KIND_WORKING_DAY

DATA_FILE: Final = Path(__file__).resolve().parent / "data" / "official_swaps.yaml"
# The languages every swap is named in: the platform's two page languages.
NAME_LANGUAGES: Final = ("vi", "en")

_ENTRY_KEYS: Final = frozenset({"date", "kind", "name", "source"})
_SOURCE_KEYS: Final = frozenset({"number", "date", "citation"})


class SwapFileError(ValueError):
    """The official swaps file is malformed."""


@dataclass(frozen=True)
class SwapSource:
    """The official text a swap comes from: its number, date and a plain-words citation."""

    number: str
    date: date
    citation: str


@dataclass(frozen=True)
class OfficialSwap:
    """One date of an official swap: a working day given off, or a weekend day worked."""

    date: date
    kind: str  # KIND_DAY_OFF or KIND_WORKING_DAY
    name_vi: str
    name_en: str
    source: SwapSource

    def name(self, language: str) -> str:
        """The name in ``language`` (``"en"`` for English, Vietnamese otherwise)."""
        return self.name_en if language == "en" else self.name_vi


def _text(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise SwapFileError(f"{where}: expected a non-empty text")
    return " ".join(value.split())


def _date(value: object, where: str) -> date:
    # YAML reads an unquoted 2026-01-02 as a date; a datetime or a quoted text is refused.
    if isinstance(value, datetime) or not isinstance(value, date):
        raise SwapFileError(f"{where}: expected a date written YYYY-MM-DD (unquoted)")
    return value


def _mapping(value: object, keys: Iterable[str], where: str) -> Mapping[str, object]:
    if not isinstance(value, dict):
        raise SwapFileError(f"{where}: expected a mapping")
    expected = set(keys)
    if set(value) != expected:
        missing = sorted(expected - set(value))
        unknown = sorted(str(key) for key in set(value) - expected)
        raise SwapFileError(f"{where}: missing keys {missing}, unknown keys {unknown}")
    return value


def _swap(raw: object, where: str) -> OfficialSwap:
    entry = _mapping(raw, _ENTRY_KEYS, where)
    day = _date(entry["date"], f"{where}.date")
    kind = entry["kind"]
    if kind not in (KIND_DAY_OFF, KIND_WORKING_DAY):
        raise SwapFileError(f"{where}.kind: expected {KIND_DAY_OFF} or {KIND_WORKING_DAY}")
    names = _mapping(entry["name"], NAME_LANGUAGES, f"{where}.name")
    raw_source = _mapping(entry["source"], _SOURCE_KEYS, f"{where}.source")
    source = SwapSource(
        number=_text(raw_source["number"], f"{where}.source.number"),
        date=_date(raw_source["date"], f"{where}.source.date"),
        citation=_text(raw_source["citation"], f"{where}.source.citation"),
    )
    if source.date > day:
        raise SwapFileError(f"{where}.source.date: the decision is dated after the swap")
    return OfficialSwap(
        date=day,
        kind=str(kind),
        name_vi=_text(names["vi"], f"{where}.name.vi"),
        name_en=_text(names["en"], f"{where}.name.en"),
        source=source,
    )


def parse_official_swaps(text: str, origin: str = "official swaps") -> tuple[OfficialSwap, ...]:
    """Validate the YAML ``text`` of a swaps file; the swaps sorted by date."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise SwapFileError(f"{origin}: not valid YAML ({exc})") from exc
    document = _mapping(data, ("swaps",), origin)
    entries = document["swaps"]
    if not isinstance(entries, list):
        raise SwapFileError(f"{origin}.swaps: expected a list")
    swaps = [_swap(raw, f"{origin}.swaps[{index}]") for index, raw in enumerate(entries)]
    seen: set[date] = set()
    for swap in swaps:
        if swap.date in seen:
            raise SwapFileError(f"{origin}: {swap.date.isoformat()} appears twice")
        seen.add(swap.date)
    return tuple(sorted(swaps, key=lambda swap: swap.date))


@cache
def official_swaps(path: Path = DATA_FILE) -> tuple[OfficialSwap, ...]:
    """The shipped official swaps, read and validated once per process (DOMAIN.md §3)."""
    return parse_official_swaps(path.read_text(encoding="utf-8"), origin=path.name)


__all__ = [
    "DATA_FILE",
    "NAME_LANGUAGES",
    "OfficialSwap",
    "SwapFileError",
    "SwapSource",
    "official_swaps",
    "parse_official_swaps",
]
