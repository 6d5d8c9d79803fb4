"""The project's pytest plugin lives in `testing/cchc_testkit/` (outside the production
package); its fixtures apply to every test."""

pytest_plugins = ["cchc_testkit.plugin"]
