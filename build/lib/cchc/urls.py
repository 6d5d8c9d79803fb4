"""URL map: the API under /api/v1/, public pages, admin for super-users."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("api/v1/", include("cchc.api.urls")),
    path("quan-tri/", admin.site.urls),
    path("", include("cchc.dossiers.urls_public")),
]
