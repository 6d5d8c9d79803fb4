"""URL map: the API under /api/v1/, the citizens' portal, the back office, admin for super-users."""

from django.contrib import admin
from django.urls import include, path

from cchc.portal.views import home

urlpatterns = [
    path("api/v1/", include("cchc.api.urls")),
    path("quan-tri/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("tai-khoan/", include("cchc.accounts.urls")),
    path("mot-cua/", include("cchc.office.urls")),
    path("quan-tri-he-thong/", include("cchc.administration.urls")),
    path("lanh-dao/", include("cchc.plan.urls")),
    path("", home, name="home"),
    path("", include("cchc.dossiers.urls_public")),
    path("", include("cchc.portal.urls")),
]
