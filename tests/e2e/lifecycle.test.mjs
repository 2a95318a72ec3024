// The element's life on a host page: leaving the page while its data loads, and another
// region's data reading in its own words.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launch, openDemo } from './harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

// The page's picture as an `<img>` of the SVG file, and pasted inline (`render --inline`).
const PICTURES = {
  img: async () => '<img slot="picture" src="jingjinji-map.svg" alt="Map of Beijing, Tianjin and Hebei">',
  inline: async () => (await fetch('jingjinji-map.inline.svg')).text(),
};
for (const kind of Object.keys(PICTURES)) test(`while its data loads the map keeps its final size, says it is busy and shows the page's picture (${kind})`, async () => {
  const { page, errors } = await openDemo(browser, server.url, { width: 720 });
  let release;
  const gate = new Promise((r) => { release = r; });
  await page.route('**/held/places.geojson', async (route) => {
    await gate;
    await route.fulfill({ path: path.join(ROOT, 'data/places.geojson'), contentType: 'application/geo+json' });
  });
  const box = () => page.evaluate(() => {
    const frame = window.held.shadowRoot.querySelector('.jjm-frame');
    const canvas = window.held.shadowRoot.querySelector('canvas');
    const picture = window.held.querySelector('[slot="picture"]').getBoundingClientRect();
    return {
      busy: frame ? frame.getAttribute('aria-busy') : 'no frame',
      canvas: canvas ? canvas.getBoundingClientRect().height : 0,
      // The static picture shows over the canvas (same box) until the map is drawn.
      picture: picture.width > 0 && canvas ? picture.height === canvas.getBoundingClientRect().height : false,
    };
  });
  await page.evaluate(async (picture) => {
    const el = document.createElement('jingjinji-map');
    el.setAttribute('loading', 'eager');
    el.setAttribute('features', 'held/places.geojson');
    el.setAttribute('hash', 'off');
    el.style.width = '400px';
    el.innerHTML = picture;
    document.body.append(el);
    window.held = el;
    await el.querySelector('img')?.decode();
  }, await page.evaluate(PICTURES[kind]));
  const loading = await box();
  // Named for a reader who does not see it: the img by its alt, the SVG by its <title>.
  assert.equal(await page.getByRole('img', { name: /^Map of Beijing, Tianjin and Hebei/ }).count(), 1);
  release();
  await page.evaluate(() => window.held.ready);
  const drawn = await box();
  // The canvas's box is reserved before the data arrives (no jump when it draws).
  assert.equal(loading.busy, 'true');
  assert.ok(loading.canvas > 300, `the loading box is ${loading.canvas} px tall`);
  assert.equal(loading.picture, true, 'the static picture does not cover the loading box');
  assert.deepEqual(drawn, { busy: null, canvas: loading.canvas, picture: false });
  assert.deepEqual(errors, []);
  await page.close();
});

test('an element removed while its data loads builds nothing, and works when put back', async () => {
  const { page, errors } = await openDemo(browser, server.url, { width: 720 });
  let release;
  const gate = new Promise((r) => { release = r; });
  let served = 0;
  await page.route('**/slow/places.geojson', async (route) => {
    await gate;
    served += 1;
    await route.fulfill({ path: path.join(ROOT, 'data/places.geojson'), contentType: 'application/geo+json' });
  });
  await page.evaluate(() => {
    const el = document.createElement('jingjinji-map');
    el.setAttribute('loading', 'eager');
    el.setAttribute('features', 'slow/places.geojson');
    document.body.append(el);
    window.late = el;
    window.lateReady = false;
    el.ready.then(() => { window.lateReady = true; });
  });
  // The reader scrolls on; the host page removes the map before its data has arrived.
  await page.evaluate(() => window.late.remove());
  release();
  await page.waitForFunction(() => performance.getEntriesByType('resource')
    .some((e) => e.name.includes('slow/places.geojson') && e.responseEnd > 0));
  await page.waitForTimeout(300);
  const state = await page.evaluate(() => ({
    frames: window.late.shadowRoot.querySelectorAll('.jjm-frame').length,
    ready: window.lateReady,
  }));
  assert.deepEqual(state, { frames: 0, ready: false }, 'a map was built on the detached element');
  assert.equal(served, 1);

  // Put back, it loads again and works, with one map inside.
  const back = await page.evaluate(async () => {
    document.body.append(window.late);
    await window.late.ready;
    window.late.select('tianjin');
    return {
      frames: window.late.shadowRoot.querySelectorAll('.jjm-frame').length,
      selected: window.late.selected,
    };
  });
  assert.deepEqual(back, { frames: 1, selected: 'tianjin' });
  assert.equal(served, 2);
  assert.deepEqual(errors, []);
  await page.close();
});

test("another region's data reads in its own words", async () => {
  const { page, errors } = await openDemo(browser, server.url, { width: 720 });
  for (const name of ['shanghai-suzhou.geojson', 'shanghai-suzhou.policies.json']) {
    await page.route(`**/example/${name}`, (route) => route.fulfill({ path: path.join(ROOT, 'data/examples', name) }));
  }
  const seen = await page.evaluate(async () => {
    const el = document.createElement('jingjinji-map');
    el.setAttribute('loading', 'eager');
    el.setAttribute('features', 'example/shanghai-suzhou.geojson');
    el.setAttribute('policies', 'example/shanghai-suzhou.policies.json');
    el.setAttribute('lang', 'en');
    document.querySelector('jingjinji-map').replaceWith(el);
    await el.ready;
    const panel = () => el.shadowRoot.querySelector('.jjm-panel').innerText;
    const overview = panel();
    el.select('suzhou');
    return { overview, suzhou: panel(), name: el.canvas.getAttribute('aria-label') };
  });
  assert.match(seen.overview, /Key points/);
  assert.doesNotMatch(seen.overview, /four measures|Decision/);
  assert.match(seen.suzhou, /Partner city/i);
  assert.doesNotMatch(seen.suzhou, /Zhongguancun/);
  assert.equal(seen.name, 'Map of Shanghai and Suzhou (example)');
  assert.deepEqual(errors, []);
  await page.close();
});

test('without JavaScript the page shows the places as a list, and the running map hides it', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 800 } });
  const page = await context.newPage();
  await page.goto(server.url);
  const items = await page.locator('jingjinji-map .jjm-fallback li').allInnerTexts();
  assert.equal(items.length, 14);
  assert.ok(items.some((t) => t.startsWith("Xiong'an New Area")), items.join('\n'));
  assert.ok(await page.locator('jingjinji-map .jjm-fallback').isVisible());
  await context.close();

  const { page: live, errors } = await openDemo(browser, server.url, { width: 375 });
  assert.equal(await live.locator('jingjinji-map .jjm-fallback').isVisible(), false);
  assert.deepEqual(errors, []);
  await live.close();
});

test('removing the element releases its listeners, observer and frames', async () => {
  const { page, errors } = await openDemo(browser, server.url, { width: 720 });
  const result = await page.evaluate(async () => {
    const frames = (n) => new Promise((r) => { const step = (k) => (k ? requestAnimationFrame(() => step(k - 1)) : r()); step(n); });
    const el = document.querySelector('jingjinji-map');
    let selects = 0;
    el.addEventListener('select', () => { selects += 1; });
    const canvas = el.canvas;
    const click = ([x, y]) => {
      const r = canvas.getBoundingClientRect();
      canvas.dispatchEvent(new MouseEvent('click', { clientX: r.left + x, clientY: r.top + y, bubbles: true }));
    };
    const beijing = el.project(116.25, 40.6);
    const tianjin = el.project(117.45, 40.1);
    click(beijing);
    const whileAlive = selects;
    el.remove();
    await frames(2);
    const left = el.shadowRoot.querySelectorAll('.jjm-frame').length;
    // Put the canvas where a click and a resize would reach anything left behind.
    document.body.append(canvas);
    const before = [canvas.width, canvas.height];
    canvas.style.width = '200px';
    click(tianjin);
    canvas.focus();
    canvas.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    await frames(3);
    return { whileAlive, after: selects, left, sizeKept: canvas.width === before[0] && canvas.height === before[1] };
  });
  assert.deepEqual(result, { whileAlive: 1, after: 1, left: 0, sizeKept: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test("the canvas's accessible name follows the language", async () => {
  const { page, errors } = await openDemo(browser, server.url, { width: 720 });
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  const names = await page.evaluate(() => {
    const el = document.querySelector('jingjinji-map');
    const name = () => el.canvas.getAttribute('aria-label');
    const out = [name()];
    el.lang = 'zh-CN';
    out.push(name(), el.shadowRoot.querySelector('.jjm-zoom-in').title);
    el.lang = 'en_GB';
    out.push(name());
    el.lang = 'fr'; // not one the map has: a warning, and the English stays
    out.push(name());
    return out;
  });
  assert.equal(names[0], 'Map of Beijing, Tianjin and Hebei with the places named in the Decision');
  assert.deepEqual(names.slice(1, 3), ['京津冀地图，标出《决定》提到的地点', '放大']);
  assert.match(names[3], /^Map of Beijing/);
  assert.match(names[4], /^Map of Beijing/);
  assert.ok(warnings.some((w) => /unsupported language "fr"/.test(w)), warnings.join('\n'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('without JavaScript the demo shows the map as a picture and the places as text', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 720, height: 1000 } });
  const page = await context.newPage();
  await page.goto(server.url);
  const seen = await page.evaluate(() => {
    const img = document.querySelector('jingjinji-map img');
    const r = img.getBoundingClientRect();
    return {
      picture: img.complete && img.naturalWidth > 0 && r.width > 300 && r.height > 300,
      alt: img.alt,
      places: document.querySelectorAll('jingjinji-map .jjm-fallback li').length,
    };
  });
  assert.deepEqual(seen, {
    picture: true,
    alt: 'Map of Beijing, Tianjin and Hebei with the places named in the Decision',
    places: 14,
  });
  await context.close();
});

test('a box too small to draw in (a frame its host has not sized yet) makes the map wait, not fail', async () => {
  const page = await browser.newPage({ viewport: { width: 600, height: 800 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${server.url}pages/blank.html`);
  await page.waitForFunction(() => customElements.get('jingjinji-map'));
  const loaded = await page.evaluate(async () => {
    const el = document.createElement('jingjinji-map');
    el.setAttribute('loading', 'eager');
    el.setAttribute('hash', 'off');
    el.setAttribute('height', '11'); // narrower than the map's margins
    document.body.append(el);
    try { await el.ready; } catch (err) { return `rejected: ${err.message}`; }
    return el.shadowRoot.querySelector('.jjm-error') ? 'error shown' : 'ready';
  });
  assert.equal(loaded, 'ready');
  // Given room, it draws: the place at the middle of the map answers a hit-test.
  const hit = await page.evaluate(async () => {
    const el = document.querySelector('jingjinji-map');
    el.setAttribute('height', '480');
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(r))));
    const [x, y] = el.project(116.2, 40.3);
    return el.featureAt(x, y);
  });
  assert.equal(hit, 'beijing');
  assert.deepEqual(errors, []);
  await page.close();
});
