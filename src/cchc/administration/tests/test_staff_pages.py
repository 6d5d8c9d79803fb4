"""Staff pages: accounts and roles, with the guards that keep the province administrable."""

from __future__ import annotations

import pytest
from django.contrib.auth import authenticate
from django.test import RequestFactory
from django.urls import reverse

from cchc.accounts.models import User
from cchc.org.models import StaffAssignment

pytestmark = pytest.mark.django_db


def roles(user: User) -> set[tuple[str, str | None]]:
    return {
        (a.role, a.agency.code if a.agency else None)
        for a in StaffAssignment.objects.filter(user=user).select_related("agency")
    }


def can_sign_in(username: str, password: str) -> bool:
    request = RequestFactory().post("/tai-khoan/dang-nhap/")
    return authenticate(request, username=username, password=password) is not None


def _new_staff(world, **change: str) -> dict[str, str]:
    return {
        "username": "tran.binh",
        "full_name": "Trần Thị Bình",
        "email": "binh@tuyenquang.gov.vn",
        "phone": "0912000111",
        "role": "receiving",
        "agency": str(world.centre.pk),
        "password1": "Mot-cua-2026!",
        "password2": "Mot-cua-2026!",
        **change,
    }


def test_list_shows_staff_with_their_roles_and_searches(admin, world):
    url = reverse("administration:staff-list")
    response = admin.get(url)
    html = response.content.decode()
    assert (
        "Hoàng Thị Lan" in html and "Cán bộ tiếp nhận — Trung tâm Phục vụ hành chính công" in html
    )
    assert "congdan" not in [u.username for u in response.context["page"]]  # citizens are not staff
    found = admin.get(url, {"q": "hoang thi lan"}).context["page"]
    assert [u.username for u in found] == ["tiepnhan"]
    by_role = admin.get(url, {"vai_tro": "approver"}).context["page"]
    assert [u.username for u in by_role] == ["lanhdao", "lanhdao.xa"]


def test_creating_a_staff_account_with_a_role(admin, world):
    response = admin.post(reverse("administration:staff-create"), _new_staff(world))
    user = User.objects.get(username="tran.binh")
    assert response.status_code == 302
    assert response["Location"] == reverse("administration:staff-detail", args=[user.pk])
    assert (user.full_name, user.phone, user.is_active) == ("Trần Thị Bình", "0912000111", True)
    assert not user.is_staff and not user.is_superuser  # Django admin stays for super-users
    assert roles(user) == {("receiving", "H60.1")}
    assert can_sign_in("tran.binh", "Mot-cua-2026!")


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"username": "Tiepnhan"}, "username", "Tên đăng nhập này đã có người dùng."),
        ({"username": "Trần Bình"}, "username", "chữ thường không dấu"),
        ({"username": "008190001234"}, "username", "không được chỉ gồm chữ số"),
        ({"password2": "khac-hoan-toan"}, "password2", "Hai mật khẩu không khớp."),
        ({"password1": "12345678", "password2": "12345678"}, "password1", "hoàn toàn là số"),
        ({"agency": ""}, "agency", "Vai trò này phải gắn với một cơ quan."),
        ({"role": ""}, "role", "bắt buộc"),
        ({"full_name": ""}, "full_name", "bắt buộc"),
    ],
)
def test_bad_staff_account_is_refused_and_the_input_kept(admin, world, change, field, message):
    response = admin.post(reverse("administration:staff-create"), _new_staff(world, **change))
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert not User.objects.filter(email="binh@tuyenquang.gov.vn").exists()
    html = response.content.decode()
    assert 'value="binh@tuyenquang.gov.vn"' in html
    assert "Mot-cua-2026!" not in html  # passwords are never echoed back


def test_a_province_wide_role_needs_no_agency(admin, world):
    data = _new_staff(world, role="monitor", agency="")
    assert admin.post(reverse("administration:staff-create"), data).status_code == 302
    assert roles(User.objects.get(username="tran.binh")) == {("monitor", None)}


def test_adding_and_removing_roles(admin, world):
    user = world.processing
    add = reverse("administration:assignment-add", args=[user.pk])
    response = admin.post(add, {"vt-role": "approver", "vt-agency": str(world.department.pk)})
    assert response.status_code == 302
    assert roles(user) == {("processing", "H60.22"), ("approver", "H60.22")}
    duplicate = admin.post(add, {"vt-role": "approver", "vt-agency": str(world.department.pk)})
    assert duplicate.status_code == 400
    assert "Cán bộ đã có vai trò này tại cơ quan này." in duplicate.content.decode()
    wide = {"vt-role": "province_admin", "vt-agency": ""}
    assert admin.post(add, wide).status_code == 302
    assert admin.post(add, wide).status_code == 400  # NULL agency duplicates caught too
    approver = StaffAssignment.objects.get(user=user, role="approver")
    remove = reverse("administration:assignment-remove", args=[user.pk, approver.pk])
    assert admin.post(remove).status_code == 302
    assert roles(user) == {("processing", "H60.22"), ("province_admin", None)}


def test_an_administrator_cannot_remove_their_own_admin_role(admin, world):
    me = world.admin
    own = StaffAssignment.objects.get(user=me, role="province_admin")
    StaffAssignment.objects.create(user=me, role="monitor")  # not the last role either
    response = admin.post(
        reverse("administration:assignment-remove", args=[me.pk, own.pk]), follow=True
    )
    assert "Bạn không thể tự gỡ vai trò quản trị cấp tỉnh của mình." in response.content.decode()
    assert StaffAssignment.objects.filter(pk=own.pk).exists()
    # Another administrator may.
    other = User.objects.create_user("quantri2", password="pw-quantri2")
    StaffAssignment.objects.create(user=other, role="province_admin")
    admin.force_login(other)
    admin.post(reverse("administration:assignment-remove", args=[me.pk, own.pk]))
    assert not StaffAssignment.objects.filter(pk=own.pk).exists()


def test_the_last_role_cannot_be_removed(admin, world):
    only = StaffAssignment.objects.get(user=world.tax_officer)
    response = admin.post(
        reverse("administration:assignment-remove", args=[world.tax_officer.pk, only.pk]),
        follow=True,
    )
    assert "Cán bộ phải giữ ít nhất một vai trò." in response.content.decode()
    assert StaffAssignment.objects.filter(pk=only.pk).exists()


def test_locking_and_unlocking_an_account(admin, world):
    url = reverse("administration:staff-set-active", args=[world.receiving.pk])
    assert admin.post(url, {"active": "0"}).status_code == 302
    world.receiving.refresh_from_db()
    assert not world.receiving.is_active
    assert not can_sign_in("tiepnhan", "pw-tiepnhan")
    admin.post(url, {"active": "1"})
    assert can_sign_in("tiepnhan", "pw-tiepnhan")


def test_an_administrator_cannot_lock_themselves(admin, world):
    url = reverse("administration:staff-set-active", args=[world.admin.pk])
    response = admin.post(url, {"active": "0"}, follow=True)
    assert "Bạn không thể tự khóa tài khoản của mình." in response.content.decode()
    world.admin.refresh_from_db()
    assert world.admin.is_active


def test_setting_a_password_and_editing_the_profile(admin, world):
    user = world.commune_receiving
    url = reverse("administration:staff-password", args=[user.pk])
    bad = admin.post(url, {"mk-password1": "Moi-2026-abc", "mk-password2": "Moi-2026-abd"})
    assert bad.status_code == 400 and "Hai mật khẩu không khớp." in bad.content.decode()
    assert can_sign_in("tiepnhan.xa", "pw-tiepnhan.xa")
    admin.post(url, {"mk-password1": "Moi-2026-abc", "mk-password2": "Moi-2026-abc"})
    assert can_sign_in("tiepnhan.xa", "Moi-2026-abc")

    profile = reverse("administration:staff-profile", args=[user.pk])
    bad = admin.post(profile, {"hs-full_name": " ", "hs-email": "khong-phai-email"})
    assert bad.status_code == 400
    assert set(bad.context["profile_form"].errors) == {"full_name", "email"}
    ok = admin.post(profile, {"hs-full_name": "Lý Thị Mai", "hs-email": "", "hs-phone": ""})
    assert ok.status_code == 302
    user.refresh_from_db()
    assert user.full_name == "Lý Thị Mai"


def test_citizen_accounts_are_not_managed_here(admin, world):
    url = reverse("administration:staff-detail", args=[world.citizen.pk])
    assert admin.get(url).status_code == 404
    add = reverse("administration:assignment-add", args=[world.citizen.pk])
    assert admin.post(add, {"vt-role": "province_admin", "vt-agency": ""}).status_code == 404
    assert not StaffAssignment.objects.filter(user=world.citizen).exists()
