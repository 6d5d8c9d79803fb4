"""URLs of the province administrator's pages (/quan-tri-he-thong/)."""

from django.urls import path

from . import agency_views, calendar_views, catalogue_views, staff_views, views

app_name = "administration"

urlpatterns = [
    path("", views.home, name="home"),
    # Catalogue
    path("thu-tuc/", catalogue_views.procedure_list, name="procedure-list"),
    path("thu-tuc/them/", catalogue_views.procedure_create, name="procedure-create"),
    path("thu-tuc/<int:pk>/", catalogue_views.procedure_edit, name="procedure-edit"),
    path("thu-tuc/nhap/", catalogue_views.catalogue_import, name="catalogue-import"),
    path("thu-tuc/xuat/", catalogue_views.catalogue_export, name="catalogue-export"),
    path("linh-vuc/", catalogue_views.field_list, name="field-list"),
    path("linh-vuc/<int:pk>/", catalogue_views.field_edit, name="field-edit"),
    # Working calendar
    path("lich-lam-viec/", calendar_views.override_list, name="calendar"),
    path("lich-lam-viec/them/", calendar_views.override_create, name="override-create"),
    path("lich-lam-viec/<int:pk>/", calendar_views.override_edit, name="override-edit"),
    path("lich-lam-viec/<int:pk>/xoa/", calendar_views.override_delete, name="override-delete"),
    # Agencies
    path("co-quan/", agency_views.agency_list, name="agency-list"),
    path("co-quan/them/", agency_views.agency_create, name="agency-create"),
    path("co-quan/<int:pk>/", agency_views.agency_edit, name="agency-edit"),
    # Staff
    path("can-bo/", staff_views.staff_list, name="staff-list"),
    path("can-bo/them/", staff_views.staff_create, name="staff-create"),
    path("can-bo/<int:pk>/", staff_views.staff_detail, name="staff-detail"),
    path("can-bo/<int:pk>/thong-tin/", staff_views.staff_profile, name="staff-profile"),
    path("can-bo/<int:pk>/vai-tro/", staff_views.assignment_add, name="assignment-add"),
    path(
        "can-bo/<int:pk>/vai-tro/<int:assignment_pk>/go/",
        staff_views.assignment_remove,
        name="assignment-remove",
    ),
    path("can-bo/<int:pk>/trang-thai/", staff_views.staff_set_active, name="staff-set-active"),
    path("can-bo/<int:pk>/mat-khau/", staff_views.staff_password, name="staff-password"),
]
