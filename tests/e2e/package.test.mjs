// The npm package as a bundler user gets it: `make package`'s tarball installed into a
// scratch project, a TypeScript entry type-checked against the package's types, bundled with
// esbuild (the wasm and data copied beside the bundle by hand, as the package README says)
// and with Vite (which finds and ships them itself), each bundle run in Chromium.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import { serve, launch } from './harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'node_modules/.bin');

// What a newsroom developer writes. The @ts-expect-error lines hold the types to account:
// if the element were typed loosely (`any`), tsc would report them as unused and fail.
const MAIN = `import { JingjinjiMap, type JingjinjiMapRegion } from 'jingjinji-map';

const map = document.createElement('jingjinji-map');
map.loading = 'eager';
map.hash = 'off';
map.region = 'tianjin';
map.addEventListener('select', (event) => {
  document.body.dataset.selected = event.detail.id ?? 'overview';
});
document.body.append(map);
await map.ready;
const regions: JingjinjiMapRegion[] = map.regions();
const png: Blob = await map.toBlob();
document.title = \`ready \${regions.length} \${map instanceof JingjinjiMap} \${png.type}\`;
map.select('beijing');

export function misuse(el: JingjinjiMap) {
  // @ts-expect-error: a place's id is a string
  el.select(42);
  // @ts-expect-error: there is no "sepia" theme
  el.theme = 'sepia';
  // @ts-expect-error: select events carry an id, not a name
  el.addEventListener('select', (event) => event.detail.name);
}
`;

let work;
after(async () => { if (work) await rm(work, { recursive: true, force: true }); });

test('the npm package installs, type-checks, bundles with esbuild and with Vite, and runs in Chromium', async () => {
  const tarball = (await readdir(path.join(ROOT, 'build'))).find((f) => /^jingjinji-map-.*\.tgz$/.test(f));
  assert.ok(tarball, 'no package: run `make package`');
  work = await mkdtemp(path.join(os.tmpdir(), 'jjm-package-'));
  await writeFile(path.join(work, 'package.json'), JSON.stringify({ name: 'scratch-article', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', path.join(ROOT, 'build', tarball)], { cwd: work, stdio: 'pipe' });
  await mkdir(path.join(work, 'src'));
  await writeFile(path.join(work, 'src/main.ts'), MAIN);

  // The types: strict TypeScript, resolving the package as a bundler does.
  execFileSync(path.join(BIN, 'tsc'), ['--noEmit', '--strict', '--target', 'es2022', '--module', 'esnext',
    '--moduleResolution', 'bundler', '--lib', 'es2022,dom', 'src/main.ts'], { cwd: work, stdio: 'inherit' });

  // The bundle, and the files esbuild leaves to the developer to copy (the package README).
  const dist = path.join(work, 'dist');
  await build({ absWorkingDir: work, entryPoints: ['src/main.ts'], bundle: true, format: 'esm', target: 'es2022', outfile: 'dist/main.js', logLevel: 'silent' });
  const installed = path.join(work, 'node_modules/jingjinji-map');
  for (const wasm of ['jingjinji-map.wasm', 'jingjinji-map-values.wasm']) await cp(path.join(installed, wasm), path.join(dist, wasm));
  await cp(path.join(installed, 'data'), path.join(dist, 'data'), { recursive: true });
  await writeFile(path.join(dist, 'index.html'), '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>article</title>'
    + '<script type="module" src="main.js"></script></head><body></body></html>');
  const bundled = await readFile(path.join(dist, 'main.js'), 'utf8');
  assert.ok(bundled.includes('customElements.define'), 'the element is in the bundle');

  await runs(dist);

  // Vite: an index.html naming the TypeScript entry; nothing copied by hand.
  await writeFile(path.join(work, 'index.html'), '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>article</title>'
    + '<script type="module" src="/src/main.ts"></script></head><body></body></html>');
  await viteBuild({ root: work, logLevel: 'silent', configFile: false, build: { outDir: 'vite-dist', target: 'es2022' } });
  const shipped = await readdir(path.join(work, 'vite-dist/assets'));
  for (const asset of [/\.wasm$/, /^places.*\.geojson$/, /^policies.*\.json$/]) {
    assert.ok(shipped.some((f) => asset.test(f)), `Vite did not ship ${asset}: ${shipped}`);
  }
  await runs(path.join(work, 'vite-dist'));
});

/** Serves a built site and checks the article's map in Chromium. */
async function runs(site) {
  const server = await serve(site);
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 720, height: 900 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(server.url);
    await page.waitForFunction(() => document.title.startsWith('ready'), null, { timeout: 20000 });
    assert.equal(await page.title(), 'ready 14 true image/png', site);
    assert.equal(await page.evaluate(() => document.body.dataset.selected), 'beijing');
    assert.deepEqual(errors, [], site);
  } finally {
    await browser.close();
    await server.close();
  }
}
