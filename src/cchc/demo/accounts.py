"""Demo accounts. They exist only in demo data; their passwords are printed by `make demo`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction

from cchc.accounts.models import User
from cchc.org.constants import AgencyKind, StaffRole
from cchc.org.models import Agency, StaffAssignment

from .organisation import commune_centre_code, commune_committee_code

DEMO_COMMUNE = "02215"  # Phường Minh Xuân, the provincial capital's central ward
DEPARTMENT_KINDS = (AgencyKind.DEPARTMENT, AgencyKind.OTHER)


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    full_name: str
    description: str


ACCOUNTS = [
    DemoAccount("admin", "demo-admin", "Quản trị hệ thống tỉnh", "Quản trị cấp tỉnh (toàn quyền)"),
    DemoAccount("giamsat", "demo-giamsat", "Lãnh đạo UBND tỉnh", "Lãnh đạo theo dõi, chỉ xem"),
    DemoAccount(
        "tiepnhan.tinh", "demo-tiepnhan", "Hoàng Thị Lan", "Cán bộ tiếp nhận, TTPVHCC tỉnh (H60.1)"
    ),
    DemoAccount(
        "xuly.tinh", "demo-xuly", "Nguyễn Văn Minh", "Cán bộ xử lý, các sở và VPĐKĐĐ, Thuế tỉnh"
    ),
    DemoAccount("lanhdao.tinh", "demo-lanhdao", "Trần Quốc Hùng", "Lãnh đạo phê duyệt, các sở"),
    DemoAccount(
        "tiepnhan.xa", "demo-tiepnhan", "Ma Thị Hồng", "Cán bộ tiếp nhận, TTPVHCC phường Minh Xuân"
    ),
    DemoAccount("xuly.xa", "demo-xuly", "Lý Văn Sơn", "Cán bộ xử lý, UBND phường Minh Xuân"),
    DemoAccount(
        "lanhdao.xa", "demo-lanhdao", "Hà Thị Thu", "Lãnh đạo phê duyệt, UBND phường Minh Xuân"
    ),
    DemoAccount("congdan", "demo-congdan", "Nguyễn Thị Hoà", "Công dân, CCCD 008190001234"),
]


def _user(account: DemoAccount, **extra: object) -> User:
    user, created = User.objects.get_or_create(
        username=account.username, defaults={"full_name": account.full_name, **extra}
    )
    if created:
        user.set_password(account.password)
        user.save()
    return user


def _assign(user: User, role: str, agencies: Sequence[Agency | None]) -> None:
    for agency in agencies:
        StaffAssignment.objects.get_or_create(user=user, agency=agency, role=role)


@transaction.atomic
def load_accounts() -> list[DemoAccount]:
    by_name = {a.username: a for a in ACCOUNTS}
    departments = list(Agency.objects.filter(kind__in=DEPARTMENT_KINDS))
    province_centre = Agency.objects.get(code="H60.1")
    commune_centre = Agency.objects.get(code=commune_centre_code(DEMO_COMMUNE))
    commune_committee = Agency.objects.get(code=commune_committee_code(DEMO_COMMUNE))

    admin = _user(by_name["admin"], is_staff=True, is_superuser=True)
    _assign(admin, StaffRole.PROVINCE_ADMIN, [None])
    _assign(_user(by_name["giamsat"]), StaffRole.MONITOR, [None])
    _assign(_user(by_name["tiepnhan.tinh"]), StaffRole.RECEIVING, [province_centre])
    _assign(_user(by_name["xuly.tinh"]), StaffRole.PROCESSING, departments)
    _assign(_user(by_name["lanhdao.tinh"]), StaffRole.APPROVER, departments)
    _assign(_user(by_name["tiepnhan.xa"]), StaffRole.RECEIVING, [commune_centre])
    _assign(_user(by_name["xuly.xa"]), StaffRole.PROCESSING, [commune_committee])
    _assign(_user(by_name["lanhdao.xa"]), StaffRole.APPROVER, [commune_committee])
    _user(
        by_name["congdan"],
        national_id="008190001234",
        phone="0912345678",
        email="nguyen.thi.hoa@example.vn",
        vneid_verified=True,
    )
    return ACCOUNTS
