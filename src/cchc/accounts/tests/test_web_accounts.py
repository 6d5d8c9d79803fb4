"""Registration and sign-in by CCCD / tax code, lockout after failures, OTP password reset."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cchc.accounts.identity import validate_national_id, validate_phone, validate_tax_code
from cchc.accounts.models import ApplicantKind, OneTimeCode, User
from cchc.core import sms

TODAY = dt.date(2026, 11, 25)


# Hand-checked against Circular 59/2021/TT-BCA art. 7: PPP G YY NNNNNN.
@pytest.mark.parametrize(
    ("number", "error"),
    [
        ("008190001234", None),  # Tuyên Quang (008), 0 = male 20th c., born 1990
        ("001305012345", None),  # Hà Nội (001), 3 = female 21st c., born 2005
        ("096099999999", None),  # Cà Mau (096), male, born 1909 — still within 130 years
        (" 0081 9000 1234 ", None),  # spaces are ignored
        ("00819000123", "length"),  # 11 digits
        ("0081900012345", "length"),  # 13 digits
        ("00819000123a", "length"),
        ("003190001234", "province"),  # 003 is not a province code
        ("099190001234", "province"),
        ("008230001234", "birth"),  # 2 = 21st century, year 2030 > 2026
        ("008490001234", "birth"),  # 4 = 22nd century
        ("008008001234", None),  # 0 + 08 → born 1908; 1908 >= 2026 - 130 = 1896: plausible
    ],
)
def test_national_id_rules(number, error):
    if error is None:
        assert validate_national_id(number, today=TODAY) == "".join(number.split())
    else:
        with pytest.raises(ValidationError) as raised:
            validate_national_id(number, today=TODAY)
        assert raised.value.code == error


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("0100109106", True),
        ("0100109106-001", True),
        ("010010910", False),
        ("0100109106-01", False),
    ],
)
def test_tax_code_rules(value, ok):
    if ok:
        assert validate_tax_code(value) == value
    else:
        with pytest.raises(ValidationError):
            validate_tax_code(value)


@pytest.mark.parametrize(
    ("value", "normalised"),
    [
        ("0912345678", "0912345678"),
        ("+84912345678", "0912345678"),
        ("091 234 5678", "0912345678"),
        ("0212345678", None),
        ("12345", None),
    ],
)
def test_phone_rules(value, normalised):
    if normalised:
        assert validate_phone(value) == normalised
    else:
        with pytest.raises(ValidationError):
            validate_phone(value)


REGISTER = {
    "applicant_kind": "1",
    "full_name": "Phạm Thị Mai",
    "national_id": "008195004321",
    "tax_code": "",
    "phone": "0987654321",
    "email": "",
    "password1": "Hoa-ban-trang-2026",
    "password2": "Hoa-ban-trang-2026",
}


@pytest.mark.django_db
def test_citizen_registers_and_signs_in_with_cccd(client):
    r = client.post(reverse("accounts:register"), REGISTER)
    assert r.status_code == 302
    user = User.objects.get(national_id="008195004321")
    assert user.username == "008195004321" and user.phone == "0987654321"
    client.logout()
    r = client.post(
        reverse("accounts:login"), {"username": "008195004321", "password": "Hoa-ban-trang-2026"}
    )
    assert r.status_code == 302 and r["Location"] == reverse("accounts:after-login")
    assert client.get(r["Location"])["Location"] == reverse("portal:my-dossiers")


@pytest.mark.django_db
def test_organisation_registers_with_tax_code(client):
    data = {
        **REGISTER,
        "applicant_kind": "2",
        "national_id": "",
        "tax_code": "0100109106",
        "full_name": "Công ty TNHH Chè Tân Trào",
    }
    assert client.post(reverse("accounts:register"), data).status_code == 302
    # Stored as an organisation (LoaiDoiTuong 2) under its tax code, with no CCCD.
    user = User.objects.get()
    assert (user.username, user.tax_code, user.national_id) == ("0100109106", "0100109106", "")
    assert user.applicant_kind == ApplicantKind.ORGANISATION == 2
    assert user.full_name == "Công ty TNHH Chè Tân Trào"
    client.logout()
    r = client.post(
        reverse("accounts:login"), {"username": "0100109106", "password": REGISTER["password1"]}
    )
    assert r.status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"national_id": "12345"}, "phải gồm đúng 12 chữ số"),
        ({"national_id": ""}, "Công dân cần nhập số CCCD"),
        ({"password2": "khac"}, "Hai mật khẩu không khớp"),
        ({"password1": "12345678", "password2": "12345678"}, "mật khẩu"),
        ({"phone": "0212345678"}, "Số điện thoại di động"),
    ],
)
def test_registration_errors_are_in_vietnamese(client, change, message):
    r = client.post(reverse("accounts:register"), {**REGISTER, **change})
    assert r.status_code == 400
    assert message in r.content.decode()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_duplicate_cccd_is_refused(client):
    client.post(reverse("accounts:register"), REGISTER)
    client.logout()
    r = client.post(reverse("accounts:register"), REGISTER)
    assert "đã có tài khoản" in r.content.decode()
    assert User.objects.count() == 1


@pytest.mark.django_db
def test_repeated_failures_lock_the_sign_in(client, settings):
    User.objects.create_user("008195004321", national_id="008195004321", password="Dung-mat-khau-1")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": "008195004321", "password": "sai"})
    r = client.post(
        reverse("accounts:login"), {"username": "008195004321", "password": "Dung-mat-khau-1"}
    )
    assert r.status_code == 429
    assert "Tạm khóa đăng nhập" in r.content.decode()


@pytest.mark.django_db(transaction=True)
def test_password_reset_by_one_time_code(client):
    user = User.objects.create_user(
        "008195004321", national_id="008195004321", phone="0987654321", password="Cu-mat-khau-1"
    )
    r = client.post(reverse("accounts:reset-request"), {"login": "008195004321"})
    assert r.status_code == 302
    phone, text = sms.outbox[-1]
    assert phone == "0987654321"
    code = re.search(r"\b(\d{6})\b", text).group(1)
    bad = client.post(
        reverse("accounts:reset-confirm"),
        {
            "code": "000000" if code != "000000" else "111111",
            "password1": "Moi-mat-khau-2026",
            "password2": "Moi-mat-khau-2026",
        },
    )
    assert bad.status_code == 400 and "không đúng" in bad.content.decode()
    ok = client.post(
        reverse("accounts:reset-confirm"),
        {"code": code, "password1": "Moi-mat-khau-2026", "password2": "Moi-mat-khau-2026"},
    )
    assert ok.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Moi-mat-khau-2026")
    assert OneTimeCode.objects.get().used_at is not None
    # the code is single use
    again = client.post(
        reverse("accounts:reset-confirm"),
        {"code": code, "password1": "Khac-nua-2026", "password2": "Khac-nua-2026"},
    )
    assert again.status_code == 400


@pytest.mark.django_db
def test_reset_does_not_reveal_whether_an_account_exists(client):
    r = client.post(reverse("accounts:reset-request"), {"login": "008195009999"}, follow=True)
    assert "Nếu số này có tài khoản" in r.content.decode()
    assert sms.outbox == []


def test_staff_land_on_the_back_office(client, world):
    client.force_login(world.receiving)
    assert client.get(reverse("accounts:after-login"))["Location"] == reverse("office:home")


def test_the_menu_offers_the_dashboard_to_those_who_may_open_it(client, world):
    from cchc.plan.loader import PLANS_DIR, load_plan

    load_plan(PLANS_DIR / "tuyen_quang_2021_2030.yaml")
    link = 'href="/lanh-dao/"'
    cases = (
        (world.approver, True),
        (world.monitor, True),
        (world.receiving, False),
        (world.citizen, False),
    )
    for user, expected in cases:
        client.force_login(user)
        assert (link in client.get("/thu-tuc/").content.decode()) is expected, user.username
        assert (client.get("/lanh-dao/").status_code == 200) is expected, user.username


def test_leaders_land_on_the_dashboard(client, world):
    client.force_login(world.monitor)
    assert client.get(reverse("accounts:after-login"))["Location"] == reverse("plan:dashboard")


@pytest.mark.django_db
def test_the_code_is_drawn_by_the_worker_and_never_queued_or_logged(client, caplog, monkeypatch):
    """Issue 15 §2–3: the request queues the row's id; the worker draws the code."""
    from types import SimpleNamespace

    from cchc.accounts import otp, tasks

    User.objects.create_user("008195004322", national_id="008195004322", phone="0987654322")
    queued: list[tuple] = []
    monkeypatch.setattr(tasks, "send_code", SimpleNamespace(enqueue=lambda *a: queued.append(a)))
    client.post(reverse("accounts:reset-request"), {"login": "008195004322"})
    assert len(queued) == 1 and sms.outbox == []
    (otp_id,) = queued[0]
    assert OneTimeCode.objects.get(pk=otp_id).code_hash == ""  # nothing drawn yet
    assert otp.draw_and_send(otp_id) is True
    phone, text = sms.outbox[-1]
    code = re.search(r"\b(\d{6})\b", text).group(1)
    assert code not in caplog.text
    assert otp.draw_and_send(otp_id) is False  # a retried task sends nothing twice
    assert len(sms.outbox) == 1


@pytest.mark.django_db
def test_reset_codes_are_capped_per_day(client):
    import datetime as dt

    from django.utils import timezone

    from cchc.accounts import otp

    user = User.objects.create_user("008195004323", national_id="008195004323", phone="0987")
    for _ in range(otp.DAILY_CAP):
        assert otp.issue(user)
        OneTimeCode.objects.filter(user=user).update(
            created_at=timezone.now() - dt.timedelta(minutes=5)
        )
    assert not otp.issue(user)  # the cap
    OneTimeCode.objects.filter(user=user).update(created_at=timezone.now() - dt.timedelta(days=2))
    assert otp.issue(user)
