"""URLs of the citizens' portal."""

from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("thu-tuc/", views.procedures, name="procedures"),
    path("thu-tuc/<str:code>/", views.procedure, name="procedure"),
    path("ho-so-cua-toi/", views.my_dossiers, name="my-dossiers"),
]
