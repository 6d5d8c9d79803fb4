"""The small province most tests play in: a province centre, a department, a tax agency, a
commune with its centre and People's Committee, staff in every role, two citizens, and three
procedures with process templates (one with a 50,000 đ fee). Factories build on it
(`cchc.<app>.tests.factories`).

The canonical copy; `cchc/dossiers/tests/world.py` is the dossier tests' older copy."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from cchc.accounts.models import User
from cchc.catalogue.models import FeeLine, Field, Procedure, ProcessStep, RequiredDocument
from cchc.org.constants import AgencyKind, StaffRole, UnitLevel
from cchc.org.models import AdministrativeUnit, Agency, StaffAssignment

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def vn(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime.datetime:
    """An aware datetime in Vietnam's time zone."""
    return datetime.datetime(year, month, day, hour, minute, second, tzinfo=TZ)


@dataclass
class World:
    province: AdministrativeUnit
    commune: AdministrativeUnit
    centre: Agency
    department: Agency
    tax: Agency
    commune_centre: Agency
    commune_committee: Agency
    receiving: User
    processing: User
    approver: User
    tax_officer: User
    commune_receiving: User
    commune_processing: User
    commune_approver: User
    other_processing: User
    monitor: User
    admin: User
    citizen: User
    other_citizen: User
    procedure: Procedure
    land_procedure: Procedure
    commune_procedure: Procedure


def _user(
    username: str, role: str | None = None, agency: Agency | None = None, **extra: Any
) -> User:
    user = User.objects.create_user(username=username, password="pw-" + username, **extra)
    if role:
        StaffAssignment.objects.create(user=user, role=role, agency=agency)
    return user


def _procedure(
    code: str,
    field: Field,
    agency: Agency | None,
    steps: Sequence[tuple[str, str, Agency | None, int]],
    **values: object,
) -> Procedure:
    defaults: dict[str, object] = {
        "name": f"Thủ tục {code}",
        "field": field,
        "level": "province",
        "duration": Decimal(3),
        "duration_unit": "working_days",
        "service_mode": "full_online",
        "paper_result": True,
    }
    defaults.update(values)
    procedure = Procedure.objects.create(code=code, **defaults)
    if agency:
        procedure.agencies.add(agency)
    for order, (name, role, step_agency, hours) in enumerate(steps):
        ProcessStep.objects.create(
            procedure=procedure,
            order=order,
            name=name,
            role=role,
            agency=step_agency,
            hours=Decimal(hours),
        )
    RequiredDocument.objects.create(procedure=procedure, name="Tờ khai", order=0)
    return procedure


def build_world() -> World:
    # get-or-create: a factory (`cchc.org.tests.factories.ProvinceFactory`) may have made it
    province, _ = AdministrativeUnit.objects.get_or_create(
        code="08",
        valid_from=datetime.date(2025, 7, 1),
        defaults={"name": "Tuyên Quang", "kind": "tỉnh", "level": UnitLevel.PROVINCE},
    )
    commune = AdministrativeUnit.objects.create(
        code="02215",
        name="Minh Xuân",
        kind="phường",
        level=UnitLevel.COMMUNE,
        parent=province,
        valid_from=datetime.date(2025, 7, 1),
    )
    centre = Agency.objects.create(
        code="H60.1",
        name="Trung tâm Phục vụ hành chính công tỉnh",
        kind=AgencyKind.PROVINCE_CENTRE,
        unit=province,
    )
    department = Agency.objects.create(
        code="H60.22", name="Sở Tư pháp", kind=AgencyKind.DEPARTMENT, unit=province
    )
    tax = Agency.objects.create(
        code="H60.32", name="Thuế tỉnh", kind=AgencyKind.OTHER, unit=province
    )
    commune_committee = Agency.objects.create(
        code="H60.02215",
        name="UBND phường Minh Xuân",
        kind=AgencyKind.COMMUNE_COMMITTEE,
        unit=commune,
    )
    commune_centre = Agency.objects.create(
        code="H60.02215.01",
        name="TTPVHCC phường Minh Xuân",
        kind=AgencyKind.COMMUNE_CENTRE,
        unit=commune,
    )
    field, _ = Field.objects.get_or_create(code="LV-HT", defaults={"name": "Hộ tịch"})
    standard = [
        ("Tiếp nhận", "receiving", None, 4),
        ("Xử lý", "processing", None, 12),
        ("Phê duyệt", "approval", None, 8),
    ]
    procedure = _procedure("1.000001", field, department, standard)
    FeeLine.objects.create(procedure=procedure, name="Lệ phí", amount=50000)
    land = _procedure(
        "1.000002",
        field,
        department,
        [
            ("Tiếp nhận", "receiving", None, 4),
            ("Thẩm định", "processing", None, 16),
            ("Xác định nghĩa vụ tài chính", "processing", tax, 8),
            ("Phê duyệt", "approval", None, 8),
        ],
        duration=Decimal(5),
    )
    commune_procedure = _procedure(
        "1.000003",
        field,
        None,
        standard,
        level="commune",
        competent_agency_kind=AgencyKind.COMMUNE_COMMITTEE,
    )
    return World(
        province=province,
        commune=commune,
        centre=centre,
        department=department,
        tax=tax,
        commune_centre=commune_centre,
        commune_committee=commune_committee,
        receiving=_user("tiepnhan", StaffRole.RECEIVING, centre, full_name="Hoàng Thị Lan"),
        processing=_user("xuly", StaffRole.PROCESSING, department, full_name="Nguyễn Văn Minh"),
        approver=_user("lanhdao", StaffRole.APPROVER, department, full_name="Trần Quốc Hùng"),
        tax_officer=_user("thue", StaffRole.PROCESSING, tax),
        commune_receiving=_user("tiepnhan.xa", StaffRole.RECEIVING, commune_centre),
        commune_processing=_user("xuly.xa", StaffRole.PROCESSING, commune_committee),
        commune_approver=_user("lanhdao.xa", StaffRole.APPROVER, commune_committee),
        other_processing=_user("xuly.khac", StaffRole.PROCESSING, commune_committee),
        monitor=_user("giamsat", StaffRole.MONITOR, None),
        admin=_user("quantri", StaffRole.PROVINCE_ADMIN, None),
        citizen=_user(
            "congdan",
            full_name="Nguyễn Thị Hoà",
            national_id="008190001234",
            phone="0912345678",
            email="hoa@example.vn",
        ),
        other_citizen=_user("congdan2", full_name="Lê Văn Tám", national_id="008090004321"),
        procedure=procedure,
        land_procedure=land,
        commune_procedure=commune_procedure,
    )


def get_world() -> World:
    """The small province of this test: the one already built (by the `world` fixture or an
    earlier factory), else built now. Factories default to it, so `DossierFactory()` and a test
    asking for `world` see the same officers and procedures."""
    try:
        centre = Agency.objects.get(code="H60.1")
    except Agency.DoesNotExist:
        return build_world()
    users = {u.username: u for u in User.objects.filter(username__in=_USERNAMES.values())}
    agencies = {a.code: a for a in Agency.objects.filter(code__in=_AGENCY_CODES.values())}
    procedures = {p.code: p for p in Procedure.objects.filter(code__in=_PROCEDURE_CODES.values())}
    found: dict[str, Any] = {
        "province": centre.unit,
        "commune": AdministrativeUnit.objects.get(code="02215", level=UnitLevel.COMMUNE),
    }
    found.update({name: agencies[code] for name, code in _AGENCY_CODES.items()})
    found.update({name: users[username] for name, username in _USERNAMES.items()})
    found.update({name: procedures[code] for name, code in _PROCEDURE_CODES.items()})
    return World(**found)


_AGENCY_CODES = {
    "centre": "H60.1",
    "department": "H60.22",
    "tax": "H60.32",
    "commune_centre": "H60.02215.01",
    "commune_committee": "H60.02215",
}
_USERNAMES = {
    "receiving": "tiepnhan",
    "processing": "xuly",
    "approver": "lanhdao",
    "tax_officer": "thue",
    "commune_receiving": "tiepnhan.xa",
    "commune_processing": "xuly.xa",
    "commune_approver": "lanhdao.xa",
    "other_processing": "xuly.khac",
    "monitor": "giamsat",
    "admin": "quantri",
    "citizen": "congdan",
    "other_citizen": "congdan2",
}
_PROCEDURE_CODES = {
    "procedure": "1.000001",
    "land_procedure": "1.000002",
    "commune_procedure": "1.000003",
}
