"""Factories of the organisation: units, agencies, staff with a role (factory-boy).

They join the small province of `cchc_testkit.world` rather than invent a second one: the
province is "08" Tuyên Quang (get-or-create), a new commune hangs under it.

    AgencyFactory()                              # a department of the province
    AgencyFactory(commune_committee=True)        # a new commune's People's Committee
    StaffFactory(role=StaffRole.RECEIVING, agency=centre)
    StaffFactory(monitor=True)                   # province-wide, no agency
"""

from __future__ import annotations

import datetime

import factory
from django.contrib.auth.hashers import make_password
from factory.django import DjangoModelFactory

from cchc.accounts.models import User
from cchc.org.constants import PROVINCE_WIDE_ROLES, AgencyKind, StaffRole, UnitLevel
from cchc.org.models import AdministrativeUnit, Agency, StaffAssignment

MERGER = datetime.date(2025, 7, 1)


class ProvinceFactory(DjangoModelFactory):
    class Meta:
        model = AdministrativeUnit
        django_get_or_create = ("code",)

    code = "08"
    name = "Tuyên Quang"
    kind = "tỉnh"
    level = UnitLevel.PROVINCE
    valid_from = MERGER


class CommuneFactory(DjangoModelFactory):
    """A commune (xã) of the merged province; `ward=True` for a phường."""

    class Meta:
        model = AdministrativeUnit

    code = factory.Sequence(lambda n: f"{3000 + n:05d}")
    name = factory.Sequence(lambda n: f"Xã Thử Nghiệm {n}")
    kind = "xã"
    level = UnitLevel.COMMUNE
    parent = factory.SubFactory(ProvinceFactory)
    valid_from = MERGER

    class Params:
        ward = factory.Trait(kind="phường", name=factory.Sequence(lambda n: f"Phường Thử {n}"))


class AgencyFactory(DjangoModelFactory):
    """A department of the province unless a trait says otherwise."""

    class Meta:
        model = Agency

    code = factory.Sequence(lambda n: f"H60.{70 + n}")
    name = factory.Sequence(lambda n: f"Sở Thử nghiệm {n}")
    kind = AgencyKind.DEPARTMENT
    unit = factory.SubFactory(ProvinceFactory)

    class Params:
        centre = factory.Trait(
            kind=AgencyKind.PROVINCE_CENTRE, name="Trung tâm Phục vụ hành chính công tỉnh"
        )
        commune_committee = factory.Trait(
            kind=AgencyKind.COMMUNE_COMMITTEE,
            unit=factory.SubFactory(CommuneFactory),
            code=factory.LazyAttribute(lambda a: f"H60.{a.unit.code}"),
            name=factory.LazyAttribute(lambda a: f"UBND {a.unit.name}"),
        )
        commune_centre = factory.Trait(
            kind=AgencyKind.COMMUNE_CENTRE,
            unit=factory.SubFactory(CommuneFactory),
            code=factory.LazyAttribute(lambda a: f"H60.{a.unit.code}.01"),
            name=factory.LazyAttribute(lambda a: f"TTPVHCC {a.unit.name}"),
        )
        inactive = factory.Trait(is_active=False)


class UserFactory(DjangoModelFactory):
    """A user without a role; the password is "pw-" + the user name."""

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"canbo{n}")
    full_name = factory.Sequence(lambda n: f"Cán bộ Thử {n}")
    password = factory.LazyAttribute(lambda u: make_password("pw-" + u.username))


class StaffAssignmentFactory(DjangoModelFactory):
    class Meta:
        model = StaffAssignment

    user = factory.SubFactory(UserFactory)
    role = StaffRole.PROCESSING
    agency = factory.SubFactory(AgencyFactory)


class StaffFactory(UserFactory):
    """A staff member with one role at one agency (`role=`, `agency=`); the province-wide
    roles (`monitor=True`, `province_admin=True`) have no agency."""

    class Params:
        role = StaffRole.PROCESSING
        # A new department for agency roles; none for the province-wide ones.
        agency = factory.LazyAttribute(
            lambda o: None if o.role in PROVINCE_WIDE_ROLES else AgencyFactory()
        )
        monitor = factory.Trait(role=StaffRole.MONITOR)
        province_admin = factory.Trait(role=StaffRole.PROVINCE_ADMIN)

    assignment = factory.RelatedFactory(
        StaffAssignmentFactory,
        factory_related_name="user",
        role=factory.SelfAttribute("..role"),
        agency=factory.SelfAttribute("..agency"),
    )
