"""cchc's test kit: the pytest plugin and helpers every app's tests share (issue 18 §1).

It lives outside `src/` so it is never installed with the production package `cchc`; the root
`conftest.py` registers `cchc_testkit.plugin`, and `pyproject.toml` puts `testing/` on pytest's
path. Modules: `plugin` (fixtures), `world` (the small province), `clients`, `files`,
`concurrency`, `browser` (axe checks, page weights, screenshots), `bad_input` (the odd-input
table machinery each app's table uses).
"""
