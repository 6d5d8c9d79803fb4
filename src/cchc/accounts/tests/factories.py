"""Factories of applicants' accounts: a citizen (CCCD) and an organisation (tax code).

    CitizenFactory()             # 0081900xxxxx: born 1990 in Tuyên Quang (code 008), female
    OrganisationFactory()        # tax code 01001xxxxx, applicant kind 2
Passwords are "pw-" + the user name, as in the small province.
"""

from __future__ import annotations

import factory
from django.contrib.auth.hashers import make_password
from factory.django import DjangoModelFactory

from cchc.accounts.models import ApplicantKind, User


class CitizenFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    # digits 1–3 the birth province (008), 4 the century and sex (1: female, 1900s), 5–6 the
    # year (90): valid for `cchc.accounts.identity.validate_national_id`.
    national_id = factory.Sequence(lambda n: f"0081900{n % 100000:05d}")
    username = factory.SelfAttribute("national_id")
    full_name = factory.Sequence(lambda n: f"Nguyễn Thị Thử {n}")
    phone = factory.Sequence(lambda n: f"09{n % 100000000:08d}")
    applicant_kind = ApplicantKind.CITIZEN
    password = factory.LazyAttribute(lambda u: make_password("pw-" + u.username))

    class Params:
        vneid = factory.Trait(vneid_verified=True)


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    tax_code = factory.Sequence(lambda n: f"01001{n % 100000:05d}")
    username = factory.SelfAttribute("tax_code")
    full_name = factory.Sequence(lambda n: f"Công ty TNHH Thử {n}")
    national_id = ""
    applicant_kind = ApplicantKind.ORGANISATION
    password = factory.LazyAttribute(lambda u: make_password("pw-" + u.username))
