"""Account pages: /tai-khoan/…"""

from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("dang-nhap/", views.SignInView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("dang-ky/", views.register, name="register"),
    path("vao/", views.after_login, name="after-login"),
    path("quen-mat-khau/", views.reset_request, name="reset-request"),
    path("dat-lai-mat-khau/", views.reset_confirm, name="reset-confirm"),
]
