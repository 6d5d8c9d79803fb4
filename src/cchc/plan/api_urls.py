"""Routes of the plan API under /api/v1/plan/."""

from django.urls import path

from .api import views

urlpatterns = [
    path("plan/targets", views.TargetList.as_view(), name="plan-targets"),
    path("plan/targets/<str:key>", views.TargetDetail.as_view(), name="plan-target"),
    path("plan/targets/<str:key>/reports", views.TargetReports.as_view(), name="plan-reports"),
    path(
        "plan/reports/<int:pk>/actions/<str:action>",
        views.ReportAction.as_view(),
        name="plan-report-action",
    ),
    path(
        "plan/reports/<int:pk>/evidence",
        views.ReportEvidenceUpload.as_view(),
        name="plan-report-evidence",
    ),
]
