"""Wiring of the REST API; each app owns its views."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from .auth import ObtainToken, TokenList, TokenRevoke
from .health import Health

urlpatterns = [
    path("openapi.json", SpectacularAPIView.as_view(), name="openapi"),
    path("docs", SpectacularSwaggerSplitView.as_view(url_name="openapi"), name="api-docs"),
    path("auth/token", ObtainToken.as_view(), name="auth-token"),
    path("auth/tokens", TokenList.as_view(), name="auth-tokens"),
    path("auth/tokens/<str:token>", TokenRevoke.as_view(), name="auth-token-revoke"),
    path("health", Health.as_view(), name="health"),
    path("", include("cchc.workcalendar.urls")),
    path("", include("cchc.catalogue.urls")),
    path("", include("cchc.dossiers.api.urls")),
    path("", include("cchc.plan.api_urls")),
    path("", include("cchc.stats.urls")),
]
