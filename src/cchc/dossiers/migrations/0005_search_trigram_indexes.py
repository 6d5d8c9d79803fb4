"""Trigram indexes (pg_trgm) for searching inside dossier codes and folded applicant names, on
PostgreSQL only: SQLite searches these columns by scanning (issue 16 §1)."""

from django.db import migrations

TRIGRAM_INDEXES = [
    ("dossier_code_trgm", "upper(code::text) gin_trgm_ops"),
    ("dossier_applicant_trgm", "applicant_search gin_trgm_ops"),
]


def add_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, expression in TRIGRAM_INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON dossiers_dossier USING gin ({expression})"
        )


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _ in TRIGRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0004_queue_search_step_role"),
    ]

    operations = [
        migrations.RunPython(add_trigram_indexes, drop_trigram_indexes),
    ]
