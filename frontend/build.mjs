// Builds the static files the pages use from the npm packages pinned in package-lock.json.
// Output: src/cchc/static/build/ (not committed; `make` runs this before demo and tests).
// Bootstrap's CSS is reduced with PurgeCSS to the selectors our templates use, so a citizen's
// first page stays far below the 150 KB budget on a cheap phone.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PurgeCSS } from "purgecss";

const here = dirname(fileURLToPath(import.meta.url));
const src = join(here, "..", "src", "cchc");
const out = join(src, "static", "build");
await mkdir(out, { recursive: true });

const [purged] = await new PurgeCSS().purge({
  content: [`${src}/**/templates/**/*.html`, `${src}/**/*.py`, `${src}/static/cchc/*.js`],
  css: [join(here, "node_modules/bootstrap/dist/css/bootstrap.min.css")],
  // Classes composed in templates ("text-bg-{{ tone }}") and states set by scripts.
  safelist: {
    standard: ["show", "active", "disabled", "is-invalid", "is-valid", "was-validated", "htmx-request"],
    greedy: [/^text-bg-/, /^badge/, /^alert-/, /^btn-/, /^table-/, /^progress/, /^bg-/, /^text-/],
  },
  variables: true,
});
await writeFile(join(out, "bootstrap.css"), purged.css);
// The minified files are copied without their source-map comment: the maps are not shipped,
// and Django's manifest storage (collectstatic in production) refuses a reference to a missing file.
async function copyScript(from, name) {
  const text = await readFile(join(here, "node_modules", from), "utf8");
  await writeFile(join(out, name), text.replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, "\n"));
}
await copyScript("htmx.org/dist/htmx.min.js", "htmx.min.js");
await copyScript("chart.js/dist/chart.umd.min.js", "chart.umd.min.js");
console.log(`static/build: bootstrap.css ${(purged.css.length / 1024).toFixed(1)} KB`);
