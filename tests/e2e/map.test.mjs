// End-to-end in real Chromium: load the demo article, click places at project() of known
// points, and check the `select` events and the panel text a reader would see.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openDemo } from './harness.mjs';

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** Clicks the canvas at the CSS position of a longitude/latitude. */
async function clickAt(page, lon, lat) {
  const [x, y] = await page.evaluate(([lo, la]) => document.querySelector('jingjinji-map').project(lo, la), [lon, lat]);
  const box = await page.evaluate(() => {
    const r = document.querySelector('jingjinji-map').canvas.getBoundingClientRect();
    return { left: r.left, top: r.top };
  });
  await page.mouse.click(box.left + x, box.top + y);
}

async function recordEvents(page) {
  await page.evaluate(() => {
    window.selectEvents = [];
    document.querySelector('jingjinji-map').addEventListener('select', (e) => window.selectEvents.push(e.detail.id));
  });
}

const panelText = (page) => page.locator('jingjinji-map .jjm-panel').innerText();

for (const width of [720, 375]) {
  test(`clicking each region opens its details (${width}px)`, async () => {
    const { page, errors } = await openDemo(browser, server.url, { width });
    await recordEvents(page);
    const cases = [
      ['beijing', 116.25, 40.6, 'Beijing leads with its strength in science and technology'],
      ['tianjin', 117.45, 40.1, '“twin cities”'],
      ['hebei', 115.0, 40.9, 'Hebei brings its location'],
      ['xiongan', 116.1005, 38.9916, 'non-capital functions'],
      ['tongzhou', 116.6618, 39.904, 'sub-centre'],
      ['park-handan', 114.4876, 36.61, 'Handan'],
    ];
    for (const [id, lon, lat, phrase] of cases) {
      await clickAt(page, lon, lat);
      assert.equal(await page.evaluate(() => document.querySelector('jingjinji-map').selected), id);
      const text = await panelText(page);
      assert.ok(text.includes(phrase), `${id}: panel lacks ${phrase}: ${text.slice(0, 200)}`);
      assert.ok(text.includes('Securities Times'), `${id}: panel cites no source`);
    }
    // Empty space (the Bohai Sea) goes back to the overview.
    await clickAt(page, 119.6, 38.5);
    assert.equal(await page.evaluate(() => document.querySelector('jingjinji-map').selected), null);
    assert.ok((await panelText(page)).includes('The four measures'));
    assert.deepEqual(await page.evaluate(() => window.selectEvents), cases.map((c) => c[0]).concat([null]));
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('the exclave and every park can be reached with a click', async () => {
  const { page } = await openDemo(browser, server.url, { width: 720 });
  const regions = await page.evaluate(() => document.querySelector('jingjinji-map').regions());
  assert.equal(regions.length, 14);
  const points = await page.evaluate(async () => {
    const res = await fetch('data/places.geojson');
    const fc = await res.json();
    return fc.features.filter((f) => f.geometry.type === 'Point').map((f) => [f.properties.id, ...f.geometry.coordinates]);
  });
  for (const [id, lon, lat] of points) {
    await clickAt(page, lon, lat);
    assert.equal(await page.evaluate(() => document.querySelector('jingjinji-map').selected), id);
    const name = regions.find((r) => r.id === id).name_en;
    assert.ok((await panelText(page)).includes(name), `${id}: panel lacks its name`);
  }
  await clickAt(page, 117.02, 39.93);
  assert.equal(await page.evaluate(() => document.querySelector('jingjinji-map').selected), 'sanhe-dachang-xianghe');
  assert.ok((await panelText(page)).includes('Sanhe, Dachang Hui Autonomous County and Xianghe'));
  await page.close();
});

test('API: select(), featureAt(), project() and the attribution line', async () => {
  const { page } = await openDemo(browser, server.url, { width: 720 });
  await recordEvents(page);
  const result = await page.evaluate(() => {
    const el = document.querySelector('jingjinji-map');
    el.select('tianjin');
    const [x, y] = el.project(116.25, 40.6);
    let error = null;
    try { el.select('atlantis'); } catch (e) { error = String(e.message || e); }
    return { selected: el.selected, at: el.featureAt(x, y), empty: el.featureAt(-10, -10), error };
  });
  assert.equal(result.selected, 'tianjin');
  assert.equal(result.at, 'beijing');
  assert.equal(result.empty, null);
  assert.match(result.error, /no place has the id "atlantis"/);
  assert.deepEqual(await page.evaluate(() => window.selectEvents), ['tianjin']);
  const credit = await page.locator('jingjinji-map .jjm-attribution').innerText();
  assert.match(credit, /Natural Earth/);
  assert.match(credit, /GeoNames \(CC BY 4\.0\)/);
  await page.close();
});

test('lang="zh" shows Chinese names and text', async () => {
  const { page } = await openDemo(browser, server.url, { width: 720 });
  await page.evaluate(async () => {
    const old = document.querySelector('jingjinji-map');
    const el = document.createElement('jingjinji-map');
    el.setAttribute('loading', 'eager');
    el.setAttribute('lang', 'zh');
    old.replaceWith(el);
    await el.ready;
    el.select('xiongan');
  });
  const text = await panelText(page);
  assert.ok(text.includes('雄安新区'), text);
  assert.ok(text.includes('证券时报'), text);
  await page.close();
});

test('bad data shows an error instead of a blank map', async () => {
  const { page } = await openDemo(browser, server.url, { width: 720 });
  const message = await page.evaluate(async () => {
    const el = document.createElement('jingjinji-map');
    el.setAttribute('loading', 'eager');
    el.setAttribute('features', 'data:application/json,{"type":"FeatureCollection","features":[]}');
    document.body.append(el);
    await el.ready.catch(() => {});
    return el.shadowRoot.querySelector('[role=alert]')?.textContent;
  });
  assert.match(message, /The map could not be shown: .*the collection has no features/);
  // The error event lists every problem, located; the visible message names the first few.
  const detail = await page.evaluate(async () => {
    const el = document.createElement('jingjinji-map');
    const seen = new Promise((resolve) => el.addEventListener('error', (e) => resolve(e.detail)));
    el.setAttribute('loading', 'eager');
    el.setAttribute('hash', 'off');
    el.setAttribute('features', 'data:application/json,{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":7},"geometry":null},{"type":"Feature","properties":{},"geometry":null},{"type":"Feature","properties":{},"geometry":null},{"type":"Feature","properties":{},"geometry":null}]}');
    document.body.append(el);
    const detail = await seen;
    return { ...detail, shown: el.shadowRoot.querySelector('[role=alert]').textContent };
  });
  assert.ok(detail.problems.length > 3, JSON.stringify(detail.problems));
  const first = detail.problems[0];
  assert.deepEqual([first.file, first.feature, first.path], ['features', 0, 'properties.id'], JSON.stringify(first));
  assert.match(first.message, /must be a string/);
  assert.match(detail.shown, new RegExp(`has ${detail.problems.length} error\\(s\\): features: feature 0: properties.id: must be a string; .*; and ${detail.problems.length - 3} more`));
  await page.close();
});

test('the canvas follows its column when the page resizes', async () => {
  const { page } = await openDemo(browser, server.url, { width: 720 });
  const before = await page.evaluate(() => document.querySelector('jingjinji-map').canvas.width);
  await page.setViewportSize({ width: 375, height: 800 });
  await page.waitForFunction((w) => document.querySelector('jingjinji-map').canvas.width !== w, before);
  const after = await page.evaluate(() => {
    const c = document.querySelector('jingjinji-map').canvas;
    return { device: c.width, css: c.getBoundingClientRect().width };
  });
  assert.equal(after.device, Math.round(after.css));
  assert.ok(after.css < 375);
  await page.close();
});

test('a page in another language still gets a working English map', async () => {
  const { page } = await openDemo(browser, server.url, { width: 720 });
  const text = await page.evaluate(async () => {
    document.documentElement.lang = 'de';
    const old = document.querySelector('jingjinji-map');
    const el = document.createElement('jingjinji-map');
    el.setAttribute('loading', 'eager');
    old.replaceWith(el);
    await el.ready;
    return el.shadowRoot.querySelector('.jjm-panel').textContent;
  });
  assert.ok(text.includes('The four measures'), text);
  await page.close();
});

test('a tap on a phone selects like a click', async () => {
  const { page, errors } = await openDemo(browser, server.url, { width: 375, height: 740, dpr: 3, touch: true });
  await recordEvents(page);
  await page.evaluate(() => document.querySelector('jingjinji-map').scrollIntoView());
  const [x, y] = await page.evaluate(() => document.querySelector('jingjinji-map').project(116.1005, 38.9916));
  const box = await page.evaluate(() => {
    const r = document.querySelector('jingjinji-map').canvas.getBoundingClientRect();
    return { left: r.left, top: r.top };
  });
  // A fingertip lands a little off the symbol.
  await page.touchscreen.tap(box.left + x + 6, box.top + y - 5);
  await page.waitForFunction(() => window.selectEvents.length > 0);
  assert.deepEqual(await page.evaluate(() => window.selectEvents), ['xiongan']);
  assert.ok((await panelText(page)).includes('non-capital functions'));
  const canvasWidth = await page.evaluate(() => document.querySelector('jingjinji-map').canvas.width);
  assert.ok(canvasWidth > 900, `HiDPI backing store at dpr 3: ${canvasWidth}`);
  assert.deepEqual(errors, []);
  await page.close();
});
