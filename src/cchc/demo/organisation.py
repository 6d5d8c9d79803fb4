"""Demo organisation of Tuyên Quang: units before and after 1 July 2025, agencies, staff.

Idempotent: every row is looked up by its natural key before it is created.
"""

from __future__ import annotations

import csv
import datetime
import re
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from cchc.org.constants import AgencyKind, UnitLevel
from cchc.org.models import AdministrativeUnit, Agency, UnitSuccession

DATA = Path(__file__).parent / "data"
MERGER_DAY = datetime.date(2025, 7, 1)
LAST_OLD_DAY = datetime.date(2025, 6, 30)
RESOLUTION = "NQ 1684/NQ-UBTVQH15; NQ 202/2025/QH15"

# Provincial agencies (demo codes under the province's portal code H60).
DEPARTMENTS = [
    ("H60", "Ủy ban nhân dân tỉnh Tuyên Quang", "UBND tỉnh", AgencyKind.PROVINCE_COMMITTEE),
    (
        "H60.1",
        "Trung tâm Phục vụ hành chính công tỉnh Tuyên Quang",
        "TTPVHCC tỉnh",
        AgencyKind.PROVINCE_CENTRE,
    ),
    ("H60.22", "Sở Tư pháp", "Sở Tư pháp", AgencyKind.DEPARTMENT),
    ("H60.23", "Sở Tài chính", "Sở Tài chính", AgencyKind.DEPARTMENT),
    ("H60.24", "Sở Xây dựng", "Sở Xây dựng", AgencyKind.DEPARTMENT),
    ("H60.25", "Sở Nông nghiệp và Môi trường", "Sở NN&MT", AgencyKind.DEPARTMENT),
    ("H60.26", "Sở Y tế", "Sở Y tế", AgencyKind.DEPARTMENT),
    ("H60.27", "Sở Giáo dục và Đào tạo", "Sở GD&ĐT", AgencyKind.DEPARTMENT),
    ("H60.28", "Sở Nội vụ", "Sở Nội vụ", AgencyKind.DEPARTMENT),
    ("H60.29", "Sở Công Thương", "Sở Công Thương", AgencyKind.DEPARTMENT),
    ("H60.30", "Công an tỉnh Tuyên Quang", "Công an tỉnh", AgencyKind.OTHER),
    ("H60.31", "Văn phòng Đăng ký đất đai tỉnh", "VPĐKĐĐ", AgencyKind.OTHER),
    ("H60.32", "Thuế tỉnh Tuyên Quang", "Thuế tỉnh", AgencyKind.OTHER),
]

_FORMER = re.compile(
    r"(?P<kind>Xã|Phường|Thị trấn)\s+(?P<name>[^()]+?)\s*\((?P<code>\d{5})(?P<part>, một phần)?\)"
)


def commune_committee_code(unit_code: str) -> str:
    return f"H60.{unit_code}"


def commune_centre_code(unit_code: str) -> str:
    return f"H60.{unit_code}.01"


def _unit(code: str, valid_from: datetime.date | None, **values: object) -> AdministrativeUnit:
    unit, _ = AdministrativeUnit.objects.update_or_create(
        code=code, valid_from=valid_from, defaults=values
    )
    return unit


def _succession(old: AdministrativeUnit, new: AdministrativeUnit, partial: bool = False) -> None:
    UnitSuccession.objects.update_or_create(
        predecessor=old,
        successor=new,
        defaults={"effective_on": MERGER_DAY, "partial": partial, "legal_basis": RESOLUTION},
    )


@transaction.atomic
def load_units() -> AdministrativeUnit:
    """Old Tuyên Quang and Hà Giang (to 30 June 2025), their districts and communes; the merged
    province with its 124 commune-level units (from 1 July 2025). Returns the new province."""
    new_province = _unit(
        "08",
        MERGER_DAY,
        name="Tuyên Quang",
        kind="tỉnh",
        level=UnitLevel.PROVINCE,
        source="NQ 202/2025/QH15",
    )
    old_tq = _unit(
        "08", None, name="Tuyên Quang", kind="tỉnh", level=UnitLevel.PROVINCE, valid_to=LAST_OLD_DAY
    )
    old_hg = _unit(
        "02", None, name="Hà Giang", kind="tỉnh", level=UnitLevel.PROVINCE, valid_to=LAST_OLD_DAY
    )
    _succession(old_tq, new_province)
    _succession(old_hg, new_province)
    districts: dict[str, AdministrativeUnit] = {}
    with open(DATA / "tuyen_quang_old_districts.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            district = _unit(
                row["code"],
                None,
                name=row["name"],
                kind=row["type"],
                level=UnitLevel.DISTRICT,
                parent=old_tq,
                valid_to=LAST_OLD_DAY,
            )
            districts[f"{row['type'].capitalize()} {row['name']}"] = district
            _succession(district, new_province, partial=True)
    with open(DATA / "tuyen_quang_units.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            new = _unit(
                row["code"],
                MERGER_DAY,
                name=row["name"],
                kind=row["type"],
                level=UnitLevel.COMMUNE,
                parent=new_province,
                source=row["source"],
            )
            old_province = old_tq if row["former_province"] == "Tuyên Quang" else old_hg
            former_districts = [d.strip() for d in row["former_district"].split(";")]
            parent = (
                districts.get(former_districts[0], old_province)
                if len(former_districts) == 1
                else old_province
            )
            for match in _FORMER.finditer(row["formed_from"]):
                old = _unit(
                    match["code"],
                    None,
                    name=match["name"],
                    kind=match["kind"].lower(),
                    level=UnitLevel.COMMUNE,
                    parent=parent,
                    valid_to=LAST_OLD_DAY,
                )
                _succession(old, new, partial=bool(match["part"]))
    return new_province


@transaction.atomic
def load_agencies(province: AdministrativeUnit) -> None:
    for code, name, short, kind in DEPARTMENTS:
        Agency.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "short_name": short,
                "kind": kind,
                "unit": province,
                "is_demo": True,
            },
        )
    committee = Agency.objects.get(code="H60")
    Agency.objects.filter(kind__in=[AgencyKind.DEPARTMENT, AgencyKind.PROVINCE_CENTRE]).update(
        parent=committee, updated_at=timezone.now()
    )
    for unit in AdministrativeUnit.objects.filter(level=UnitLevel.COMMUNE, valid_from=MERGER_DAY):
        title = f"{unit.kind.capitalize()} {unit.name}"
        ubnd, _ = Agency.objects.update_or_create(
            code=commune_committee_code(unit.code),
            defaults={
                "name": f"Ủy ban nhân dân {unit.kind} {unit.name}",
                "short_name": f"UBND {title}",
                "kind": AgencyKind.COMMUNE_COMMITTEE,
                "unit": unit,
                "is_demo": True,
            },
        )
        Agency.objects.update_or_create(
            code=commune_centre_code(unit.code),
            defaults={
                "name": f"Trung tâm Phục vụ hành chính công {unit.kind} {unit.name}",
                "short_name": f"TTPVHCC {title}",
                "kind": AgencyKind.COMMUNE_CENTRE,
                "unit": unit,
                "parent": ubnd,
                "is_demo": True,
            },
        )
