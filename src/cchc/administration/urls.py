"""URLs of the back administration (/mot-cua/)."""

from django.urls import path

from . import views

app_name = "administration"

urlpatterns = [
    path("", views.home, name="home"),
]
