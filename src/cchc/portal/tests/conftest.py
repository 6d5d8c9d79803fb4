from cchc.dossiers.tests.conftest import world  # noqa: F401 (the shared small province)
