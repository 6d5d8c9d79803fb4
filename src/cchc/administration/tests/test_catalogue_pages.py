"""Catalogue pages: search, procedure create/edit with fees, documents and steps, fields,
JSON import and export."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cchc.catalogue.exchange import SCHEMA, export_procedure
from cchc.catalogue.models import Field, Procedure

from .conftest import form_data

pytestmark = pytest.mark.django_db


def codes(response) -> list[str]:
    return [p.code for p in response.context["page"]]


def test_search_ignores_diacritics_and_filters_by_field_and_level(admin, world):
    world.land_procedure.name = "Đăng ký biến động đất đai"
    world.land_procedure.save()
    url = reverse("administration:procedure-list")
    assert codes(admin.get(url, {"q": "dang ky bien dong"})) == ["1.000002"]
    assert codes(admin.get(url, {"q": "ĐẤT ĐAI"})) == ["1.000002"]
    assert codes(admin.get(url, {"q": "ho tich"})) == ["1.000001", "1.000002", "1.000003"]
    assert codes(admin.get(url, {"cap": "commune"})) == ["1.000003"]
    other = Field.objects.create(code="LV-DD", name="Đất đai")
    world.procedure.field = other
    world.procedure.save()
    assert codes(admin.get(url, {"linh_vuc": str(other.pk)})) == ["1.000001"]
    response = admin.get(url, {"q": "khong co gi"})
    assert codes(response) == [] and "Không có thủ tục nào khớp." in response.content.decode()


def _new_procedure_data(admin, world) -> dict:
    data = form_data(admin.get(reverse("administration:procedure-create")))
    data.update(
        {
            "tt-code": "2.000100",
            "tt-name": "Cấp phiếu lý lịch tư pháp",
            "tt-field": str(world.procedure.field_id),
            "tt-level": "province",
            "tt-agencies": [str(world.department.pk)],
            "tt-duration": "10",
            "tt-duration_unit": "working_days",
            "tt-service_mode": "partial_online",
            "tt-sectors": ["justice"],
            "tt-is_active": "on",
            "tt-decision_date": "2026-01-15",
            "phi-0-name": "Phí cấp phiếu",
            "phi-0-amount": "200000",
            "giay-to-0-name": "Tờ khai yêu cầu cấp phiếu",
            "giay-to-0-required": "on",
            "giay-to-1-name": "Bản chụp CCCD",
            "giay-to-1-position": "1",
            "buoc-0-name": "Tiếp nhận",
            "buoc-0-role": "receiving",
            "buoc-0-hours": "4",
            "buoc-1-name": "Xử lý",
            "buoc-1-role": "processing",
            "buoc-1-hours": "72",
        }
    )
    return data


def test_creating_a_procedure_saves_it_with_its_rows_and_search_text(admin, world):
    response = admin.post(
        reverse("administration:procedure-create"), _new_procedure_data(admin, world)
    )
    procedure = Procedure.objects.get(code="2.000100")
    assert response.status_code == 302
    assert response["Location"] == reverse("administration:procedure-edit", args=[procedure.pk])
    assert procedure.search_text == "2.000100 cap phieu ly lich tu phap ho tich"
    assert procedure.sectors == ["justice"] and procedure.is_active
    assert [a.code for a in procedure.agencies.all()] == ["H60.22"]
    assert [(f.name, f.amount) for f in procedure.fees.all()] == [("Phí cấp phiếu", 200000)]
    # The document given position 1 goes first; the other one (no position) after it.
    assert [(d.order, d.name) for d in procedure.documents.all()] == [
        (0, "Bản chụp CCCD"),
        (1, "Tờ khai yêu cầu cấp phiếu"),
    ]
    assert [(s.order, s.name, s.hours) for s in procedure.steps.all()] == [
        (0, "Tiếp nhận", Decimal(4)),
        (1, "Xử lý", Decimal(72)),
    ]
    # Found by the public API's diacritic-insensitive search at once.
    found = admin.get("/api/v1/procedures", {"q": "ly lich tu phap"}).json()["results"]
    assert [p["code"] for p in found] == ["2.000100"]


def test_bad_procedure_is_not_saved_and_the_input_is_kept(admin, world):
    data = _new_procedure_data(admin, world)
    data.update(
        {
            "tt-code": "mã có dấu",
            "tt-duration": "-1",
            "tt-agencies": [],
            "buoc-1-name": "",  # a step row with hours but no name
        }
    )
    response = admin.post(reverse("administration:procedure-create"), data)
    assert response.status_code == 400
    assert not Procedure.objects.filter(name="Cấp phiếu lý lịch tư pháp").exists()
    form = response.context["form"]
    assert "code" in form.errors and "duration" in form.errors and "agencies" in form.errors
    steps = response.context["formsets"]["steps"]
    assert steps.forms[1].errors["name"]
    html = response.content.decode()
    assert "Chưa lưu: vui lòng sửa các mục được đánh dấu bên dưới." in html
    assert "Thời hạn phải nằm trong khoảng từ 0 đến 3650." in html
    # What was typed is still there.
    assert "Cấp phiếu lý lịch tư pháp" in html and "Phí cấp phiếu" in html and 'value="72"' in html


def test_a_procedure_needs_at_least_one_step(admin, world):
    untouched = form_data(admin.get(reverse("administration:procedure-create")))
    data = _new_procedure_data(admin, world)
    for key in [k for k in data if k.startswith("buoc-")]:
        data.pop(key)
    # The step rows left as the page offered them.
    data.update({k: v for k, v in untouched.items() if k.startswith("buoc-")})
    response = admin.post(reverse("administration:procedure-create"), data)
    assert response.status_code == 400
    assert "Quy trình phải có ít nhất một bước." in response.content.decode()


def test_editing_changes_processing_time_reorders_steps_and_deletes_rows(admin, world):
    procedure = world.procedure
    url = reverse("administration:procedure-edit", args=[procedure.pk])
    data = form_data(admin.get(url))
    assert data["tt-duration"] == "3.00"
    data["tt-duration"] = "5"
    data["tt-name"] = "Chứng thực bản sao từ bản chính"
    data["buoc-0-position"], data["buoc-2-position"] = "3", "1"  # swap first and last steps
    data["phi-0-DELETE"] = "on"
    data["giay-to-1-name"] = "Bản chính để đối chiếu"
    response = admin.post(url, data)
    assert response.status_code == 302
    procedure.refresh_from_db()
    assert procedure.duration == Decimal(5)
    assert procedure.search_text.startswith("1.000001 chung thuc ban sao tu ban chinh")
    assert [(s.order, s.name) for s in procedure.steps.all()] == [
        (0, "Phê duyệt"),
        (1, "Xử lý"),
        (2, "Tiếp nhận"),
    ]
    assert procedure.fees.count() == 0
    assert [d.name for d in procedure.documents.all()] == ["Tờ khai", "Bản chính để đối chiếu"]
    assert "Đã lưu thủ tục 1.000001." in admin.get(url).content.decode()


def test_editing_with_bad_input_changes_nothing(admin, world):
    procedure = world.procedure
    url = reverse("administration:procedure-edit", args=[procedure.pk])
    data = form_data(admin.get(url))
    data["tt-duration"] = "5"
    data["buoc-0-hours"] = "0"
    data["tt-code"] = world.land_procedure.code  # taken
    response = admin.post(url, data)
    assert response.status_code == 400
    assert response.context["formsets"]["steps"].forms[0].errors["hours"]
    assert response.context["form"].errors["code"]
    procedure.refresh_from_db()
    assert procedure.duration == Decimal(3) and procedure.code == "1.000001"


def test_renaming_a_field_refreshes_the_search_text_of_its_procedures(admin, world):
    field = world.procedure.field
    url = reverse("administration:field-edit", args=[field.pk])
    response = admin.post(url, {"code": field.code, "name": "Tư pháp, hộ tịch"})
    assert response.status_code == 302
    assert set(Procedure.objects.values_list("search_text", flat=True)) == {
        f"{code} thu tuc {code} tu phap, ho tich" for code in ("1.000001", "1.000002", "1.000003")
    }
    response = admin.post(url, {"code": "", "name": ""})
    assert response.status_code == 400 and set(response.context["form"].errors) == {"code", "name"}


def test_adding_a_field(admin, world):
    url = reverse("administration:field-list")
    assert admin.post(url, {"moi-code": "LV-DD", "moi-name": "Đất đai"}).status_code == 302
    assert Field.objects.filter(code="LV-DD", name="Đất đai").exists()
    response = admin.post(url, {"moi-code": "LV-DD", "moi-name": "Trùng mã"})
    assert response.status_code == 400 and "code" in response.context["form"].errors


def _upload(document: object, name: str = "danh-muc.json") -> SimpleUploadedFile:
    body = document if isinstance(document, bytes) else json.dumps(document).encode()
    return SimpleUploadedFile(name, body, content_type="application/json")


def test_import_reports_each_bad_record_and_imports_the_good_ones(admin, world):
    good = export_procedure(world.procedure)
    good.update(code="2.000200", name="Thủ tục nhập mới")
    updated = export_procedure(world.land_procedure)
    updated["duration"] = 7
    bad_level = {**good, "code": "2.000201", "level": "district"}
    malformed = {**good, "code": "2.000202", "process": ["không phải đối tượng"]}
    document = {"schema": SCHEMA, "procedures": [good, bad_level, updated, malformed]}
    response = admin.post(reverse("administration:catalogue-import"), {"file": _upload(document)})
    assert response.status_code == 200
    result = response.context["result"]
    assert (result["created"], result["updated"], result["total"]) == (1, 1, 4)
    assert [(e["index"], e["code"], e["field"]) for e in result["errors"]] == [
        (1, "2.000201", "level"),
        (3, "2.000202", ""),
    ]
    html = response.content.decode()
    assert "Giá trị “district” không hợp lệ." in html
    assert "Bản ghi có cấu trúc không hợp lệ." in html
    assert Procedure.objects.get(code="2.000200").search_text == "2.000200 thu tuc nhap moi ho tich"
    assert Procedure.objects.get(code="1.000002").duration == Decimal(7)
    assert not Procedure.objects.filter(code__in=["2.000201", "2.000202"]).exists()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"{not json", "Tệp không phải JSON hợp lệ (dòng 1, cột 2)."),
        ("{}".encode("utf-16"), "Tệp không phải văn bản UTF-8."),
        (b'{"schema": "other/1", "procedures": []}', "Tệp phải theo lược đồ cchc.catalogue/1."),
    ],
)
def test_import_of_an_unusable_file_is_refused_with_the_reason(admin, world, body, message):
    response = admin.post(reverse("administration:catalogue-import"), {"file": _upload(body)})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Procedure.objects.count() == 3


def test_export_downloads_the_catalogue_as_json(admin, world):
    response = admin.get(reverse("administration:catalogue-export"))
    assert response["Content-Disposition"].startswith('attachment; filename="danh-muc-thu-tuc-')
    document = json.loads(response.content)
    assert document["schema"] == SCHEMA
    assert [p["code"] for p in document["procedures"]] == ["1.000001", "1.000002", "1.000003"]
    assert "Thủ tục 1.000001" in response.content.decode()  # UTF-8, not \\u escapes
