"""Drafts of online applications: what a citizen typed and uploaded survives a closed tab."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cchc.catalogue.models import Procedure, RequiredDocument


def _draft_path(instance: DraftFile, filename: str) -> str:
    return f"drafts/{instance.draft.user_id}/{instance.draft_id}/{filename}"


class Draft(models.Model):
    """One unfinished application per person and procedure."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drafts"
    )
    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="+")
    data = models.JSONField(_("thông tin đã nhập"), default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("hồ sơ nháp")
        verbose_name_plural = _("hồ sơ nháp")
        constraints = [
            models.UniqueConstraint(fields=["user", "procedure"], name="one_draft_per_procedure")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.procedure_id}"


class DraftFile(models.Model):
    """A document uploaded into a draft, already checked by size and content."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="files")
    required_document = models.ForeignKey(
        RequiredDocument, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    name = models.CharField(max_length=255)
    file = models.FileField(upload_to=_draft_path, max_length=500)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name
