// The value layer in real Chromium: a CSV of figures classed and drawn, its legend, the
// figure on click and by keyboard, the hatch where a place has none, re-classing when an
// attribute changes, counts as circles, and a values file that cannot be used.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch } from './harness.mjs';

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const map = (page, fn, arg) => page.evaluate(([src, a]) => {
  const el = document.querySelector('jingjinji-map');
  return new Function('el', 'arg', src)(el, a);
}, [fn, arg]);
const frames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** The test page with its figures drawn; `attrs` change the element before it loads. */
async function open(attrs = {}, width = 960) {
  const page = await browser.newPage({ viewport: { width, height: 1000 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript((a) => {
    document.addEventListener('DOMContentLoaded', () => {
      const el = document.querySelector('jingjinji-map');
      for (const [k, v] of Object.entries(a)) el.setAttribute(k, v);
    });
  }, attrs);
  await page.goto(`${server.url}pages/values.html`);
  await page.waitForFunction(() => !!document.querySelector('jingjinji-map')?.valuesReady);
  await page.evaluate(() => document.querySelector('jingjinji-map').valuesReady.catch(() => {}));
  await frames(page);
  return { page, errors };
}

/** The canvas pixel (RGBA) at a longitude/latitude, and at an offset in CSS px from it. */
const pixelAt = (page, lon, lat, dx = 0, dy = 0) => map(page, `const [x, y] = el.project(arg[0], arg[1]);
  const c = el.canvas; const d = c.width / c.getBoundingClientRect().width;
  return Array.from(c.getContext('2d').getImageData(Math.round((x + arg[2]) * d), Math.round((y + arg[3]) * d), 1, 1).data);`, [lon, lat, dx, dy]);
const hex = ([r, g, b]) => `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;

test('figures fill the places by class, with a legend under the map that says each class in words', async () => {
  const { page, errors } = await open();
  const legend = await map(page, 'return el.legend()');
  assert.deepEqual(legend.map((c) => c.label), ['2 % to under 4.2 %', '4.2 % to under 6.1 %', '6.1 %', 'No data']);
  assert.deepEqual(legend.map((c) => c.count), [2, 1, 1, 15]);
  // Beijing (4.2) wears the second class's colour; Tianjin (3.1) the first's.
  assert.equal(hex(await pixelAt(page, 116.2, 40.3)), legend[1].colour.slice(0, 7));
  assert.equal(hex(await pixelAt(page, 117.3, 39.1)), legend[0].colour.slice(0, 7));
  // The key under the map lists the classes as text.
  const key = await map(page, 'return [...el.shadowRoot.querySelectorAll(".jjm-legend li")].map((li) => li.textContent)');
  assert.deepEqual(key.slice(0, 4), ['2 % to under 4.2 %', '4.2 % to under 6.1 %', '6.1 %', 'No data']);
  assert.deepEqual(await map(page, 'return el.valueFor("beijing")'), { value: 4.2, text: '4.2 %', class: 2 });
  assert.equal(await map(page, 'return el.valueFor("hebei")'), null, 'n/a is no data');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a place without a figure is hatched, never the lowest class colour', async () => {
  const { page } = await open();
  const legend = await map(page, 'return el.legend()');
  const lowest = legend[0].colour.slice(0, 7);
  // Across a few pixels of Hebei both the no-data fill and the hatch's lines show.
  const seen = new Set();
  for (let k = 0; k < 12; k += 1) seen.add(hex(await pixelAt(page, 115.0, 38.0, k, 0)));
  assert.ok(seen.size >= 2, `hatched: ${[...seen]}`);
  assert.ok(!seen.has(lowest), `not the lowest class's ${lowest}: ${[...seen]}`);
  await page.close();
});

test('a click shows the figure in the panel and the select event; the keyboard says it too', async () => {
  const { page } = await open();
  await page.evaluate(() => {
    window.selected = null;
    document.querySelector('jingjinji-map').addEventListener('select', (e) => { window.selected = e.detail; });
  });
  const [x, y] = await map(page, 'const [x, y] = el.project(116.2, 40.3); const r = el.canvas.getBoundingClientRect(); return [r.left + x, r.top + y]');
  await page.mouse.click(x, y);
  await frames(page);
  assert.deepEqual(await page.evaluate(() => window.selected), { id: 'beijing', value: { value: 4.2, text: '4.2 %', class: 2 } });
  assert.equal(await map(page, 'return el.shadowRoot.querySelector(".jjm-figure").textContent'), 'rate: 4.2 %, class 2 of 3');
  // Hovering names the place and its figure.
  await page.mouse.move(x + 2, y + 2);
  await frames(page);
  assert.equal(await map(page, 'return el.shadowRoot.querySelector(".jjm-tooltip").textContent'), 'Beijing: 4.2 %');
  // Keyboard: focus the map, step to a place; the live region says its figure and class.
  await map(page, 'el.select(null); el.canvas.focus()');
  await page.keyboard.press('Home');
  await frames(page);
  const said = await map(page, 'return el.shadowRoot.querySelector(".jjm-live").textContent');
  assert.match(said, /^Beijing: 4\.2 %, class 2 of 3, /);
  await page.close();
});

test('changing value, classes or palette re-classes at once; counts draw circles and fill no area', async () => {
  const { page } = await open();
  const before = await map(page, 'return el.legend()');
  await map(page, 'el.classes = "equal"');
  const equal = await map(page, 'return el.legend()');
  const near = (a, b) => Math.abs(a - b) < 1e-9;
  const bounds = equal.slice(0, 3).flatMap((c) => [c.from, c.to]);
  assert.ok([2, 3.366666666666667, 3.366666666666667, 4.733333333333333, 4.733333333333333, 6.1].every((b, k) => near(b, bounds[k])), `${bounds}`);
  assert.deepEqual(equal.slice(0, 3).map((c) => c.label), ['2 % to under 3.37 %', '3.37 % to under 4.73 %', '4.73 % to 6.1 %']);
  await map(page, 'el.palette = "blues"');
  const blues = await map(page, 'return el.legend()');
  assert.notEqual(blues[0].colour, equal[0].colour);
  await map(page, 'el.value = "firms"; el.valueKind = "count"; el.valueUnit = null');
  await frames(page);
  assert.deepEqual(await map(page, 'return el.valueFor("beijing")'), { value: 1200, text: '1,200', class: null });
  // Counts never fill areas: Hebei's land shows no class colour and no hatch.
  const land = hex(await pixelAt(page, 115.0, 37.2));
  assert.ok(!blues.some((c) => c.colour.startsWith(land)) && !before.some((c) => c.colour.startsWith(land)), land);
  // The key shows circles at round figures, their areas in proportion.
  const steps = await map(page, 'return el.legend()');
  assert.deepEqual(steps.map((c) => c.label), ['1,000', '300', '70', 'No data']);
  const widths = await map(page, 'return [...el.shadowRoot.querySelectorAll(".jjm-legend .jjm-swatch")].slice(0, 3).map((s) => s.getBoundingClientRect().width)');
  assert.ok(Math.abs(widths[0] / widths[1] - Math.sqrt(1000 / 300)) < 0.05, `${widths}`);
  // A circle of 1,200 sits on Beijing: a click there selects it.
  assert.equal(await map(page, 'const [x, y] = el.project(116.25, 40.45); return el.featureAt(x, y)'), 'beijing');
  await page.close();
});

test('a values file that cannot be used leaves the map drawn, says why under it and fires error', async () => {
  const { page, errors } = await open({ values: '/pages/missing.csv' });
  const notice = await map(page, 'const n = el.shadowRoot.querySelector(".jjm-notice"); return n.hidden ? null : n.textContent');
  assert.match(notice, /^The figures cannot be shown: could not load the figures \(\/pages\/missing\.csv\): HTTP 404/);
  assert.deepEqual(await map(page, 'return el.legend()'), []);
  // The map itself is drawn, in its own colours (its first frame waited for the figures).
  assert.equal(await map(page, 'const [x, y] = el.project(116.2, 40.3); return el.featureAt(x, y)'), 'beijing');
  assert.equal((await pixelAt(page, 116.2, 40.3))[3], 255, 'Beijing is painted');
  // A bad attribute: the error event names it, and the notice says it.
  const detail = await page.evaluate(async () => {
    const el = document.querySelector('jingjinji-map');
    el.setAttribute('values', '/pages/values.csv');
    await el.valuesReady;
    const got = new Promise((r) => el.addEventListener('error', (e) => r(e.detail), { once: true }));
    el.setAttribute('value', 'rat');
    return got;
  });
  assert.equal(detail.message, 'the values file has no column "rat"; its columns, closest first: rate, firms');
  assert.deepEqual(errors, []);
  await page.close();
});

test('dark theme draws the classes in the dark form of the palette', async () => {
  const { page } = await open({ theme: 'dark' });
  const legend = await map(page, 'return el.legend()');
  assert.equal(hex(await pixelAt(page, 116.2, 40.3)), legend[1].colour.slice(0, 7));
  // More is brighter on a dark map: the top class is lighter than the lowest.
  const lum = (c) => { const v = parseInt(c.slice(1, 7), 16); return ((v >> 16) & 255) + ((v >> 8) & 255) + (v & 255); };
  assert.ok(lum(legend[2].colour) > lum(legend[0].colour), JSON.stringify(legend));
  await page.close();
});

test('the places become a table of name and figure that sorts by figure and still selects', async () => {
  const { page } = await open();
  const rows = () => map(page, 'return [...el.shadowRoot.querySelectorAll(".jjm-figures tbody tr")].map((tr) => [tr.querySelector("th").textContent, tr.querySelector("td").textContent])');
  const headings = await map(page, 'return [...el.shadowRoot.querySelectorAll(".jjm-figures thead th")].map((th) => th.textContent)');
  assert.deepEqual(headings, ['Place', 'rate (%)']);
  const before = await rows();
  assert.deepEqual(before.slice(0, 3), [['Beijing', '4.2 %'], ['Hebei', 'No data'], ['Tianjin', '3.1 %']]);
  await page.locator('jingjinji-map .jjm-sort').click();
  const sorted = await rows();
  assert.deepEqual(sorted.slice(0, 4).map((r) => r[0]), ['Tongzhou', 'Beijing', 'Tianjin', 'Sanhe·Dachang·Xianghe']);
  assert.equal(await map(page, 'return el.shadowRoot.querySelector(".jjm-figures thead th:last-child").getAttribute("aria-sort")'), 'descending');
  await page.locator('jingjinji-map .jjm-figures button[data-id="tianjin"]').click();
  assert.equal(await map(page, 'return el.selected'), 'tianjin');
  await page.close();
});

test('pointing at or focusing a class in the key highlights its places and dims the rest', async () => {
  const { page } = await open();
  const legend = await map(page, 'return el.legend()');
  const beijing = () => pixelAt(page, 116.2, 40.3);
  const tianjin = () => pixelAt(page, 117.3, 39.1);
  assert.equal(hex(await tianjin()), legend[0].colour.slice(0, 7));
  // Pointing at Beijing's class (the second): Beijing keeps its colour, Tianjin fades.
  await page.locator('jingjinji-map .jjm-legend [data-class="1"]').hover();
  await frames(page);
  assert.equal(hex(await beijing()), legend[1].colour.slice(0, 7));
  assert.notEqual(hex(await tianjin()), legend[0].colour.slice(0, 7));
  await page.mouse.move(5, 5);
  await frames(page);
  assert.equal(hex(await tianjin()), legend[0].colour.slice(0, 7), 'all alike again');
  // By keyboard: the classes are focusable.
  await map(page, 'el.shadowRoot.querySelector(".jjm-legend [data-class=\'0\']").focus()');
  await frames(page);
  assert.equal(hex(await tianjin()), legend[0].colour.slice(0, 7));
  assert.notEqual(hex(await beijing()), legend[1].colour.slice(0, 7));
  await page.close();
});

test('only a map of figures downloads the value layer, and one given figures later starts again on it', async () => {
  const page = await browser.newPage({ viewport: { width: 960, height: 1000 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  // The same page without its values file: the lean build.
  await page.route('**/pages/values.html', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: (await response.text()).replace('values="/pages/values.csv"', '') });
  });
  await page.goto(`${server.url}pages/values.html`);
  await page.evaluate(() => document.querySelector('jingjinji-map').ready);
  assert.ok(fetched.includes('/jingjinji-map.wasm'), fetched.join(' '));
  assert.deepEqual(fetched.filter((f) => /values\.(js|wasm|csv)$/.test(f)), [], 'no value layer, no values file');
  assert.deepEqual(await map(page, 'return el.legend()'), []);
  assert.equal(await map(page, 'return el.valueFor("beijing")'), null);
  // Figures arrive: the map starts again on the build with the layer and draws them.
  await page.evaluate(async () => {
    const el = document.querySelector('jingjinji-map');
    el.setAttribute('values', '/pages/values.csv');
    await el.ready;
    await el.valuesReady;
  });
  for (const file of ['/jingjinji-map-values.js', '/jingjinji-map-values.wasm', '/pages/values.csv']) {
    assert.ok(fetched.includes(file), `${file} was not fetched: ${fetched.join(' ')}`);
  }
  assert.deepEqual(await map(page, 'return el.valueFor("beijing")'), { value: 4.2, text: '4.2 %', class: 2 });
  assert.deepEqual(errors, []);
  await page.close();
});

test('a table of more than 100 places comes folded, written when opened, and stays open when sorted', async () => {
  // The default places and 120 small squares in a row across Hebei, each with a figure.
  const { readFile } = await import('node:fs/promises');
  const fc = JSON.parse(await readFile(new URL('../../data/places.geojson', import.meta.url), 'utf8'));
  const rows = ['id,rate'];
  for (let k = 0; k < 120; k++) {
    const [x, y] = [114 + 0.02 * k, 38];
    fc.features.push({
      type: 'Feature',
      properties: { id: `sq-${k}`, kind: 'counties', name_zh: `格${k}`, name_en: `Square ${k}` },
      geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 0.02, y], [x + 0.02, y + 0.02], [x, y + 0.02], [x, y]]] },
    });
    rows.push(`sq-${k},${k}`);
  }
  const page = await browser.newPage({ viewport: { width: 960, height: 1000 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.route('**/pages/many.geojson', (route) => route.fulfill({ contentType: 'application/geo+json', body: JSON.stringify(fc) }));
  await page.route('**/pages/many.csv', (route) => route.fulfill({ contentType: 'text/csv', body: `${rows.join('\n')}\n` }));
  await page.route('**/pages/values.html', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: (await response.text()).replace('values="/pages/values.csv"', 'features="/pages/many.geojson" values="/pages/many.csv"') });
  });
  await page.goto(`${server.url}pages/values.html`);
  await page.evaluate(async () => { const el = document.querySelector('jingjinji-map'); await el.ready; await el.valuesReady; });
  const fold = () => map(page, `const d = el.shadowRoot.querySelector('.jjm-fold');
    return d && { open: d.open, summary: d.querySelector('summary').textContent, rows: d.querySelectorAll('tbody tr').length,
      shown: d.querySelector('table').checkVisibility() };`);
  // 14 selectable default places and the 120 squares: folded, its rows not yet written.
  assert.deepEqual(await fold(), { open: false, summary: 'The table of all 134 places and their figures', rows: 0, shown: false });
  // Another column while folded: nothing to write but the key.
  await map(page, 'el.setAttribute("value-kind", "rate"); el.setAttribute("classes", "equal")');
  await map(page, 'el.select("sq-5")');
  await map(page, 'el.shadowRoot.querySelector(".jjm-fold summary").click()');
  assert.deepEqual(await fold(), { open: true, summary: 'The table of all 134 places and their figures', rows: 134, shown: true });
  // Rows written on opening show the selection made before.
  assert.equal(await map(page, `return el.shadowRoot.querySelector('.jjm-figures button[data-id="sq-5"]').getAttribute('aria-pressed')`), 'true');
  // Sorted by figure, it is written again, still open, the largest first.
  await map(page, 'el.shadowRoot.querySelector(".jjm-sort").click()');
  await frames(page);
  assert.deepEqual(await fold(), { open: true, summary: 'The table of all 134 places and their figures', rows: 134, shown: true });
  assert.equal(await map(page, 'return el.shadowRoot.querySelector(".jjm-figures tbody tr").textContent'), 'Square 119119 %', 'Square 119, with 119 %, first');
  const row = await map(page, 'const r = [...el.shadowRoot.querySelectorAll(".jjm-figures tbody tr")].find((r) => r.cells[0].textContent === "Square 77"); return [...r.cells].map((c) => c.textContent)');
  assert.deepEqual(row, ['Square 77', '77 %'], 'the place and its figure, with the page\'s unit');
  assert.deepEqual(errors, []);
  await page.close();
});
