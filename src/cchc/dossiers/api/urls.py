from django.urls import path

from . import views

urlpatterns = [
    path("dossiers", views.DossierListCreate.as_view(), name="dossier-list"),
    path("dossiers/counter", views.CounterIntake.as_view(), name="dossier-counter"),
    path("dossiers/import", views.DossierImport.as_view(), name="dossier-import"),
    path("dossiers/<str:code>", views.DossierDetail.as_view(), name="dossier-detail"),
    path(
        "dossiers/<str:code>/actions/<str:action>",
        views.DossierAction.as_view(),
        name="dossier-action",
    ),
    path(
        "dossiers/<str:code>/documents", views.DossierDocuments.as_view(), name="dossier-documents"
    ),
    path(
        "dossiers/<str:code>/documents/<int:pk>",
        views.DossierDocumentDownload.as_view(),
        name="dossier-document",
    ),
    path("dossiers/<str:code>/result", views.DossierResult.as_view(), name="dossier-result"),
    path(
        "dossiers/<str:code>/forms/<str:number>.pdf",
        views.DossierForm.as_view(),
        name="dossier-form",
    ),
    path(
        "dossiers/<str:code>/national",
        views.DossierNationalExport.as_view(),
        name="dossier-national",
    ),
    path("lookup/<str:code>", views.PublicLookup.as_view(), name="dossier-lookup"),
    path(
        "agencies/<str:code>/register.xlsx", views.AgencyRegister.as_view(), name="agency-register"
    ),
]
