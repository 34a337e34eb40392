// Builds static/dist/ (git-ignored) from static/src/ and the nhsuk-frontend package.
//
//   npm run build
//
// Output, served by Django under STATIC_URL (/static/):
//   static/dist/css/app.css                 our Sass, with NHS.UK frontend compiled in
//   static/dist/js/nhsuk-frontend.min.js    NHS.UK frontend's ES module bundle (+ .map)
//   static/dist/js/app.js                   starts the NHS.UK frontend components
//   static/dist/js/*.js, static/dist/css/*.css  copied from static/src/js and static/src/css
//   static/dist/assets/                     icons, favicons and web manifest from nhsuk-frontend
//
// The build needs no network access. It fails if the CSS refers to anything
// remote (such as the Frutiger web fonts on assets.nhs.uk) or to an asset file
// that was not copied.

import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

import * as sass from "sass";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const srcDir = path.join(root, "static", "src");
const distDir = path.join(root, "static", "dist");
const nhsukDir = path.join(root, "node_modules", "nhsuk-frontend", "dist", "nhsuk");

// Must match $nhsuk-assets-path in static/src/scss/app.scss.
const ASSETS_URL = "/static/dist/assets/";

const rel = (file) => path.relative(root, file);

async function exists(file) {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

async function buildCss() {
  const entry = path.join(srcDir, "scss", "app.scss");
  const result = await sass.compileAsync(entry, {
    importers: [new sass.NodePackageImporter(root)],
    loadPaths: [path.join(srcDir, "scss")],
    style: "compressed",
    sourceMap: false,
    // Don't print deprecation warnings from inside node_modules.
    quietDeps: true,
  });
  const out = path.join(distDir, "css", "app.css");
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, result.css + "\n");
  return out;
}

async function copyJs() {
  const outDir = path.join(distDir, "js");
  await mkdir(outDir, { recursive: true });
  for (const name of ["nhsuk-frontend.min.js", "nhsuk-frontend.min.js.map"]) {
    await cp(path.join(nhsukDir, name), path.join(outDir, name));
  }
  const jsSrc = path.join(srcDir, "js");
  if (await exists(jsSrc)) {
    for (const name of await readdir(jsSrc)) {
      if (name.endsWith(".js")) {
        await cp(path.join(jsSrc, name), path.join(outDir, name));
      }
    }
  }
}

// Plain stylesheets (the admin's), copied as they are: static/src/css/*.css -> dist/css/.
async function copyCss() {
  const cssSrc = path.join(srcDir, "css");
  if (!(await exists(cssSrc))) return;
  const outDir = path.join(distDir, "css");
  await mkdir(outDir, { recursive: true });
  for (const name of await readdir(cssSrc)) {
    if (name.endsWith(".css")) {
      await cp(path.join(cssSrc, name), path.join(outDir, name));
    }
  }
}

async function copyAssets() {
  await cp(path.join(nhsukDir, "assets"), path.join(distDir, "assets"), { recursive: true });
  // Our own images, icons and so on, if any.
  const ownAssets = path.join(srcDir, "assets");
  if (await exists(ownAssets)) {
    await cp(ownAssets, path.join(distDir, "assets"), { recursive: true });
  }
}

async function checkCss(cssFile) {
  const css = await readFile(cssFile, "utf8");
  const problems = [];

  // Nothing remote: no http(s):// or protocol-relative URLs, no @import of other files.
  for (const match of css.matchAll(/https?:\/\/[^"')\s]*/g)) {
    problems.push(`remote URL ${match[0]}`);
  }
  for (const match of css.matchAll(/url\(\s*["']?(\/\/[^"')\s]*)/g)) {
    problems.push(`protocol-relative URL ${match[1]}`);
  }
  if (/@import\b/.test(css)) {
    problems.push("@import rule");
  }
  if (/@font-face\b/.test(css)) {
    problems.push("@font-face rule (web fonts should be turned off)");
  }

  // Every local url() must be a file we copied into static/dist/assets/.
  for (const match of css.matchAll(/url\(\s*["']?([^"')\s]+)["']?\s*\)/g)) {
    const url = match[1];
    if (url.startsWith("data:") || url.startsWith("#")) continue;
    if (!url.startsWith(ASSETS_URL)) {
      problems.push(`URL outside ${ASSETS_URL}: ${url}`);
      continue;
    }
    const file = path.join(distDir, "assets", url.slice(ASSETS_URL.length).split(/[?#]/)[0]);
    if (!(await exists(file))) {
      problems.push(`missing asset ${url} (expected ${rel(file)})`);
    }
  }

  if (problems.length) {
    throw new Error(`${rel(cssFile)} is not self-contained:\n  ${[...new Set(problems)].join("\n  ")}`);
  }
}

async function main() {
  if (!(await exists(nhsukDir))) {
    throw new Error(`${rel(nhsukDir)} not found: run \`npm ci\` first`);
  }
  await rm(distDir, { recursive: true, force: true });
  await mkdir(distDir, { recursive: true });

  await copyAssets();
  await copyJs();
  await copyCss();
  const cssFile = await buildCss();
  await checkCss(cssFile);

  const { version } = JSON.parse(
    await readFile(path.join(root, "node_modules", "nhsuk-frontend", "package.json"), "utf8"),
  );
  const size = (await stat(cssFile)).size;
  console.log(`Built ${rel(distDir)}/ with nhsuk-frontend ${version} (app.css ${size} bytes)`);
}

main().catch((error) => {
  console.error(error.message ?? error);
  process.exitCode = 1;
});
