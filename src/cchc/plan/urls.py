"""Pages of the plan under /lanh-dao/: the leadership dashboard, its exports, and reported
figures (entry, review, approval)."""

from django.urls import path

from . import views

app_name = "plan"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("xuat/bang-dieu-khien.xlsx", views.export_xlsx, name="export-xlsx"),
    path("xuat/bao-cao.pdf", views.export_pdf, name="export-pdf"),
    path("chi-tieu/<str:key>/", views.target_detail, name="target"),
    path("bao-cao/", views.reports_home, name="reports"),
    path("bao-cao/<str:key>/nhap/", views.report_submit, name="report-submit"),
    path("bao-cao/lan/<int:pk>/", views.report_version, name="report-version"),
    path("bao-cao/minh-chung/<int:pk>/", views.evidence_download, name="evidence"),
]
