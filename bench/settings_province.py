"""Production settings for the province-scale bench, except static files: the front-end build
currently references a source map it does not ship (`chart.umd.min.js.map`), so the manifest
storage's `collectstatic` fails; plain storage lets the dashboard page render."""

from cchc.settings import *  # noqa: F403
from cchc.settings import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
