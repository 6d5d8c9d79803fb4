"""URLs of the citizens' portal."""

from django.urls import path

from . import views, views_apply

app_name = "portal"

urlpatterns = [
    path("thu-tuc/", views.procedures, name="procedures"),
    path("thu-tuc/<str:code>/", views.procedure, name="procedure"),
    path("thu-tuc/<str:code>/nop/", views_apply.apply_applicant, name="apply"),
    path("thu-tuc/<str:code>/nop/luu-nhap/", views_apply.apply_autosave, name="apply-autosave"),
    path("thu-tuc/<str:code>/nop/giay-to/", views_apply.apply_documents, name="apply-documents"),
    path("thu-tuc/<str:code>/nop/xem-lai/", views_apply.apply_review, name="apply-review"),
    path("ho-so-cua-toi/", views.my_dossiers, name="my-dossiers"),
    path("ho-so-cua-toi/<str:code>/", views.my_dossier, name="my-dossier"),
    path("ho-so-cua-toi/<str:code>/da-nop/", views.submitted, name="submitted"),
    path("ho-so-cua-toi/<str:code>/bo-sung/", views.supplement, name="supplement"),
    path("ho-so-cua-toi/<str:code>/rut/", views.withdraw, name="withdraw"),
    path("ho-so-cua-toi/<str:code>/danh-gia/", views.rate_dossier, name="rate"),
    path("ho-so-cua-toi/<str:code>/tai-lieu/<int:doc_id>/", views.document, name="document"),
    path("ho-so-cua-toi/<str:code>/mau-<str:number>.pdf", views.form_pdf, name="form"),
]
