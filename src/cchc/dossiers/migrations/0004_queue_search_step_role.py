"""The queues' stored columns (issue 16 §1): the role of the dossier's current step, and the
applicant's name folded for searching without diacritics; both backfilled (their trigram
indexes come in 0005: PostgreSQL builds no index in a transaction with pending FK checks)."""

import unicodedata

from django.db import migrations, models

BATCH = 2000


def _fold(text):
    """`cchc.core.text.fold` as of this migration (kept here: migrations do not follow code)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.lower().split())


def fold_sql(column):
    """`_fold` as one PostgreSQL expression: translate() maps every precomposed Latin letter
    with diacritics to its base letter and drops lone combining marks."""
    source, target = [], []
    for block in ((0x00C0, 0x0250), (0x1E00, 0x1F00)):
        for code in range(*block):
            ch = chr(code)
            plain = _fold(ch)
            if len(plain) == 1 and plain != ch and plain.isascii():
                source.append(ch)
                target.append(plain)
    marks = [chr(c) for c in range(0x0300, 0x0370)]
    mapping = "".join(source) + "".join(marks)
    return (
        f"left(regexp_replace(btrim(lower(translate({column}, '{mapping}', "
        f"'{''.join(target)}')), E' \\t\\n\\r'), E'\\\\s+', ' ', 'g'), 255)"
    )


def backfill(apps, schema_editor):
    connection = schema_editor.connection
    table = "dossiers_dossier"
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET step_role = COALESCE((SELECT s.role FROM catalogue_processstep s "
            f"WHERE s.procedure_id = {table}.procedure_id AND s.name = {table}.step_name "
            f"ORDER BY s.\"order\" LIMIT 1), '') WHERE step_name <> ''"
        )
        if connection.vendor == "postgresql":
            cursor.execute(f"UPDATE {table} SET applicant_search = {fold_sql('applicant_name')}")
            return
    Dossier = apps.get_model("dossiers", "Dossier")
    rows = Dossier.objects.order_by("pk").values_list("pk", "applicant_name")
    last = 0
    while batch := list(rows.filter(pk__gt=last)[:BATCH]):
        for pk, name in batch:
            Dossier.objects.filter(pk=pk).update(applicant_search=_fold(name)[:255])
        last = batch[-1][0]


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0002_document_condition_copy_kind_fee_step"),
        ("dossiers", "0003_counter_guidance_fee_state"),
    ]

    operations = [
        migrations.AddField(
            model_name="dossier",
            name="applicant_search",
            field=models.CharField(
                blank=True,
                default="",
                editable=False,
                max_length=255,
                verbose_name="chủ hồ sơ (không dấu)",
            ),
        ),
        migrations.AddField(
            model_name="dossier",
            name="step_role",
            field=models.CharField(
                blank=True,
                choices=[
                    ("receiving", "Tiếp nhận"),
                    ("processing", "Xử lý"),
                    ("approval", "Phê duyệt"),
                ],
                default="",
                max_length=20,
                verbose_name="vai trò của bước hiện tại",
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True),
    ]
