"""URLs for bench/floor.py only: the project's URLs plus the least a transition can be."""

from django.db import transaction
from django.urls import include, path
from django.utils import timezone
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cchc.dossiers.models import Dossier, DossierEvent


class MinimalTransition(APIView):
    """Token authentication, lock one dossier row, insert one event, update one column,
    commit — no permission check, no table, no calendar, no notification."""

    def post(self, request: Request, code: str) -> Response:
        with transaction.atomic():
            d = Dossier.objects.select_for_update().only("id", "version").get(code=code)
            d.version += 1
            DossierEvent(
                dossier_id=d.id, seq=d.version, action="receive", at=timezone.now(), to_status=2
            ).save()
            Dossier.objects.filter(pk=d.pk).update(version=d.version)
        return Response({"code": code, "version": d.version})


urlpatterns = [
    path("floor/minimal/<str:code>", MinimalTransition.as_view()),
    path("", include("cchc.urls")),
]
