"""Factories of the catalogue: procedures with their process template, documents and fees.

ProcedureFactory()                   # province level, 3 working days, a standard template
                                     # (receiving 4 h, processing 12 h, approval 8 h),
                                     # one required document, no fee
ProcedureFactory(with_fee=True)      # plus a 50,000 đ fee line
ProcedureFactory(commune=True)       # commune level, handled by the commune committee
ProcedureFactory(agencies=[agency])  # the agencies that handle it
"""

from __future__ import annotations

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from cchc.catalogue.models import FeeLine, Field, Procedure, ProcessStep, RequiredDocument
from cchc.org.constants import AgencyKind


class FieldFactory(DjangoModelFactory):
    class Meta:
        model = Field
        django_get_or_create = ("code",)

    code = "LV-HT"
    name = "Hộ tịch"


class FeeLineFactory(DjangoModelFactory):
    class Meta:
        model = FeeLine

    procedure = factory.SubFactory("cchc.catalogue.tests.factories.ProcedureFactory")
    name = "Lệ phí"
    amount = 50000


class RequiredDocumentFactory(DjangoModelFactory):
    class Meta:
        model = RequiredDocument

    procedure = factory.SubFactory("cchc.catalogue.tests.factories.ProcedureFactory")
    name = "Tờ khai"
    order = factory.Sequence(int)


class ProcessStepFactory(DjangoModelFactory):
    class Meta:
        model = ProcessStep

    procedure = factory.SubFactory("cchc.catalogue.tests.factories.ProcedureFactory")
    order = factory.Sequence(int)
    name = "Xử lý"
    role = "processing"
    hours = Decimal(12)


# (name, role, hours) of the standard template, as in the small province's 1.000001.
STANDARD_STEPS = (
    ("Tiếp nhận", "receiving", 4),
    ("Xử lý", "processing", 12),
    ("Phê duyệt", "approval", 8),
)


class ProcedureFactory(DjangoModelFactory):
    class Meta:
        model = Procedure
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"9.{n:06d}")
    name = factory.Sequence(lambda n: f"Thủ tục thử {n}")
    field = factory.SubFactory(FieldFactory)
    level = "province"
    duration = Decimal(3)
    duration_unit = "working_days"
    service_mode = "full_online"
    paper_result = True

    class Params:
        with_fee = factory.Trait(
            fee=factory.RelatedFactory(FeeLineFactory, factory_related_name="procedure")
        )
        commune = factory.Trait(level="commune", competent_agency_kind=AgencyKind.COMMUNE_COMMITTEE)

    document = factory.RelatedFactory(
        RequiredDocumentFactory, factory_related_name="procedure", order=0
    )

    @factory.post_generation
    def steps(obj, create, extracted, **kwargs):  # noqa: N805 — factory-boy's signature
        """`steps=[(name, role, hours), …]` replaces the standard template; `steps=[]` none."""
        if not create:
            return
        template = STANDARD_STEPS if extracted is None else extracted
        for order, (name, role, hours) in enumerate(template):
            ProcessStep.objects.create(
                procedure=obj, order=order, name=name, role=role, hours=Decimal(hours)
            )

    @factory.post_generation
    def agencies(obj, create, extracted, **kwargs):  # noqa: N805 — factory-boy's signature
        if create and extracted:
            obj.agencies.add(*extracted)
