// Bundle src/ into ../api/static/explorer/, which the Flask app serves at `/`.
// The bundle's name carries a content hash, so browsers may cache it for good while
// the shell page (index.html) is revalidated on every visit.
import { build } from "esbuild";
import { copyFile, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "api", "static", "explorer");

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
const result = await build({
  entryPoints: [join(here, "src", "main.js"), join(here, "src", "styles.css")],
  bundle: true,
  minify: true,
  sourcemap: true,
  format: "esm",
  target: ["chrome110", "firefox110", "safari16"],
  entryNames: "[name]-[hash]",
  outdir: out,
  metafile: true,
  legalComments: "linked",
  logLevel: "warning",
});
const outputs = Object.keys(result.metafile.outputs).map((p) => basename(p));
const script = outputs.find((name) => name.startsWith("main-") && name.endsWith(".js"));
const style = outputs.find((name) => name.startsWith("styles-") && name.endsWith(".css"));
const shell = await readFile(join(here, "src", "index.html"), "utf8");
await writeFile(
  join(out, "index.html"),
  shell.replace("%SCRIPT%", `/explorer/${script}`).replace("%STYLE%", `/explorer/${style}`),
);
await copyFile(join(here, "src", "favicon.svg"), join(out, "favicon.svg"));
console.log(`explorer built in ${out}: ${script}, ${style}`);
