"""API routes of the statistics app (mounted under /api/v1/)."""

from django.urls import path

from . import api

urlpatterns = [
    path("indices/766", api.Index766.as_view(), name="index-766"),
    path("indices/766/ranking", api.Index766Ranking.as_view(), name="index-766-ranking"),
]
