// The walk-through of data/README.md ("Map your own region"), run as a newsroom would: import
// the committed Census fixture with its spreadsheet of texts, put the widget beside the result,
// open the preview page, click each state on the map and read its text in both languages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFile, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launch } from './harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = path.join(ROOT, 'tests/fixtures/import');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('an imported region loads in the widget: each place clicked on the map shows its text in English and Chinese', async () => {
  const out = await mkdtemp(path.join(tmpdir(), 'jjm-walk-'));
  const summary = execFileSync('cargo', [
    'run', '--quiet', '--bin', 'jingjinji-map', '--', 'import', path.join(FIXTURES, 'us-northeast-states.geojson'),
    '--id', 'NAME', '--name-en', 'NAME',
    '--places', 'Massachusetts,Connecticut,Rhode Island,Vermont,New Hampshire,Maine',
    '--texts', path.join(FIXTURES, 'new-england.csv'),
    '--title-en', "New England's grid compact (example)", '--title-zh', '新英格兰电网协议（示例）',
    '--attribution', 'Boundaries: U.S. Census Bureau via us-atlas (public domain)', '--out', out,
  ], { cwd: ROOT, encoding: 'utf8' });
  assert.match(summary, /places: 6 \(maine, massachusetts, connecticut, new-hampshire, vermont, rhode-island\)/);
  // The widget's files go beside the preview page, as `make demo FEATURES=…` puts them.
  for (const file of ['jingjinji-map.js', 'jingjinji-map.wasm']) await copyFile(path.join(ROOT, 'www', file), path.join(out, file));
  const texts = Object.fromEntries((await readFile(path.join(FIXTURES, 'new-england.csv'), 'utf8'))
    .split('\n').map((l) => l.match(/^([A-Z][^,"]+),"([^"]+)","([^"]+)"/)).filter(Boolean).map(([, id, en, zh]) => (
      [id.toLowerCase().replace(/[^a-z0-9]/g, '-'), { en, zh }])));
  assert.equal(Object.keys(texts).length, 6);
  const server = await serve(out);
  const page = await browser.newPage({ viewport: { width: 900, height: 1100 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(server.url);
  await page.waitForFunction(() => customElements.get('jingjinji-map'));
  await page.evaluate(() => document.querySelector('jingjinji-map').ready);
  // A point well inside each place on the canvas (its neighbours 6 px away are the same
  // place), found by the widget's own hit-testing.
  const points = await page.evaluate(() => {
    const el = document.querySelector('jingjinji-map');
    const r = el.canvas.getBoundingClientRect();
    const found = {};
    for (let y = 6; y < r.height - 6; y += 6) {
      for (let x = 6; x < r.width - 6; x += 6) {
        const id = el.featureAt(x, y);
        const inside = id && [[6, 0], [-6, 0], [0, 6], [0, -6]].every(([dx, dy]) => el.featureAt(x + dx, y + dy) === id);
        if (inside && !found[id]) found[id] = [Math.round(r.left + x), Math.round(r.top + y)];
      }
    }
    return found;
  });
  assert.deepEqual(Object.keys(points).sort(), Object.keys(texts).sort());
  const panel = () => page.evaluate(() => document.querySelector('jingjinji-map').shadowRoot.querySelector('.jjm-panel').textContent);
  for (const [id, [x, y]] of Object.entries(points)) {
    await page.evaluate(() => { document.querySelector('jingjinji-map').lang = 'en'; });
    await page.mouse.click(x, y);
    assert.equal(await page.evaluate(() => document.querySelector('jingjinji-map').selected), id);
    assert.ok((await panel()).includes(texts[id].en), `${id}: ${await panel()}`);
    await page.evaluate(() => { document.querySelector('jingjinji-map').lang = 'zh'; });
    assert.ok((await panel()).includes(texts[id].zh), `${id} in Chinese: ${await panel()}`);
  }
  assert.deepEqual(errors, []);
  await page.close();
  await server.close();
});
