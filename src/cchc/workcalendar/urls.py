"""Calendar API routes; the project includes them under ``/api/v1/``."""

from django.urls import path

from .api import DueDateView, NonWorkingDaysView

urlpatterns = [
    path("calendar/due", DueDateView.as_view(), name="calendar-due"),
    path(
        "calendar/non-working-days", NonWorkingDaysView.as_view(), name="calendar-non-working-days"
    ),
]
