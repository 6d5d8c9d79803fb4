"""URLs of the back office (/mot-cua/)."""

from django.urls import path

from . import views

app_name = "office"

urlpatterns = [
    path("", views.home, name="home"),
    path("tiep-nhan/", views.intake, name="intake"),
    path("tiep-nhan/<str:code>/", views.intake_done, name="intake-done"),
    path("huong-dan/<str:code>/", views.guidance_done, name="guidance-done"),
    path("huong-dan/<str:code>/mau-02.pdf", views.guidance_form, name="guidance-form"),
    path("hang-doi/<slug:slug>/", views.queue, name="queue"),
    path("ho-so/<str:code>/", views.dossier_detail, name="dossier"),
    path("ho-so/<str:code>/thao-tac/<str:action>/", views.dossier_action, name="action"),
    path("ho-so/<str:code>/tai-lieu/<int:pk>/", views.dossier_document, name="document"),
    path("ho-so/<str:code>/mau-<str:number>.pdf", views.dossier_form, name="form"),
    path("so-theo-doi/", views.register, name="register"),
]
