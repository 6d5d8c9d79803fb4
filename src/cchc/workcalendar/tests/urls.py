"""URLconf for the API tests: the app's routes under /api/v1/, as the project mounts them."""

from django.urls import include, path

urlpatterns = [path("api/v1/", include("cchc.workcalendar.urls"))]
