from django.urls import path

from . import api

urlpatterns = [
    path("procedures", api.ProcedureList.as_view(), name="procedure-list"),
    path("procedures/export", api.CatalogueExport.as_view(), name="catalogue-export"),
    path("procedures/import", api.CatalogueImport.as_view(), name="catalogue-import"),
    path("procedures/<str:code>", api.ProcedureDetail.as_view(), name="procedure-detail"),
]
