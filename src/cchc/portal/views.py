"""Pages of the citizens' portal. They read through selectors and act through the services."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")


def procedures(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")


def procedure(request: HttpRequest, code: str) -> HttpResponse:
    return render(request, "home.html")


@login_required
def my_dossiers(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")
