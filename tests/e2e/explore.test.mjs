// Every reader can explore the map: mouse, wheel, drag, touch, keyboard, the list of places,
// deep links, and an accessibility scan, in real Chromium.
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

const frames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
const map = (page, fn, arg) => page.evaluate(([src, a]) => {
  const el = document.querySelector('jingjinji-map');
  return new Function('el', 'arg', src)(el, a);
}, [fn, arg]);
const zoom = (page) => map(page, 'return el.zoom');
const selected = (page) => map(page, 'return el.selected');
const shadowText = (page, sel) => map(page, 'return el.shadowRoot.querySelector(arg)?.textContent ?? null', sel);

/** Page coordinates of a longitude/latitude on the map, in the current view. */
async function pagePoint(page, lon, lat) {
  return map(page, `const [x, y] = el.project(arg[0], arg[1]);
    const r = el.canvas.getBoundingClientRect(); return [r.left + x, r.top + y];`, [lon, lat]);
}

/** Waits until the page has stopped scrolling (a touch fling coasts on for a while). */
async function scrollSettled(page) {
  let last = -1;
  for (let k = 0; k < 50; k += 1) {
    const y = await page.evaluate(() => new Promise((r) => setTimeout(() => r(window.scrollY), 100)));
    if (y === last) return;
    last = y;
  }
}

/** Waits until the map's zoom is `z`; on a timeout, says what the map and page were doing. */
async function zoomReaches(page, z) {
  try {
    await page.waitForFunction((k) => Math.abs(document.querySelector('jingjinji-map').zoom - k) < 1e-9, z, { timeout: 10000 });
  } catch (err) {
    const state = await map(page, `const r = el.canvas.getBoundingClientRect();
      return { zoom: el.zoom, selected: el.selected, scrollY: window.scrollY, canvas: [r.left, r.top, r.width, r.height] };`);
    throw new Error(`zoom never reached ${z}: ${JSON.stringify(state)}`, { cause: err });
  }
}

/** Scrolls so the map's top is near the top of the viewport. */
const scrollToMap = (page) => page.evaluate(() => {
  const el = document.querySelector('jingjinji-map');
  window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 20);
});

test('mouse: tooltip, wheel scrolls the page, ctrl+wheel zooms about the pointer, drag pans, reset', async () => {
  const { page, errors } = await openDemo(browser, server.url, { width: 960, height: 900 });
  await scrollToMap(page);
  await frames(page);
  // Hover names the place.
  await page.mouse.move(...(await pagePoint(page, 117.45, 40.1)));
  await frames(page);
  assert.equal(await shadowText(page, '.jjm-tooltip'), 'Tianjin');
  assert.equal(await map(page, 'return el.shadowRoot.querySelector(".jjm-tooltip").hidden'), false);

  // A plain wheel scrolls the page, not the map, and says how to zoom.
  const y0 = await page.evaluate(() => window.scrollY);
  await page.mouse.wheel(0, 200);
  await page.waitForFunction((y) => window.scrollY > y, y0);
  assert.equal(await zoom(page), 1);
  assert.match(await shadowText(page, '.jjm-gesture-hint'), /ctrl \+ scroll|⌘ \+ scroll/);
  await scrollToMap(page);
  await frames(page);

  // ctrl + wheel zooms about the pointer: the place under it stays under it.
  const [px, py] = await pagePoint(page, 117.2, 39.1);
  await page.mouse.move(px, py);
  const yBefore = await page.evaluate(() => window.scrollY);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -300);
  await page.keyboard.up('Control');
  await frames(page);
  assert.ok((await zoom(page)) > 1.5, `zoom ${await zoom(page)}`);
  assert.equal(await page.evaluate(() => window.scrollY), yBefore, 'ctrl + wheel must not scroll the page');
  const [qx, qy] = await pagePoint(page, 117.2, 39.1);
  assert.ok(Math.abs(qx - px) < 1 && Math.abs(qy - py) < 1, `moved from ${[px, py]} to ${[qx, qy]}`);

  // Dragging pans: the map follows the pointer, and the release selects nothing.
  await page.mouse.down();
  await page.mouse.move(px - 40, py - 30, { steps: 5 });
  await page.mouse.up();
  await frames(page);
  const [rx, ry] = await pagePoint(page, 117.2, 39.1);
  assert.ok(Math.abs(rx - (px - 40)) < 1.5 && Math.abs(ry - (py - 30)) < 1.5, `after drag ${[rx, ry]}`);
  assert.equal(await selected(page), null, 'a drag is not a click');

  // Reset shows the whole region again; the buttons have names in the page's language.
  const label = await map(page, 'return el.shadowRoot.querySelector(".jjm-reset").getAttribute("aria-label")');
  assert.equal(label, 'Show the whole region');
  await page.locator('jingjinji-map .jjm-reset').click();
  await zoomReaches(page, 1);
  await page.locator('jingjinji-map .jjm-zoom-in').click();
  await zoomReaches(page, 2);
  // Through the canvas's locator: Playwright checks that the canvas itself takes the press.
  const at = await map(page, 'const [x, y] = el.project(116.4, 39.9); return { x, y };');
  await page.locator('jingjinji-map canvas').dblclick({ position: at });
  await zoomReaches(page, 4);
  assert.deepEqual(errors, []);
  await page.close();
});

/** Sends one CDP touch event with the given page points. */
async function touch(cdp, type, points) {
  await cdp.send('Input.dispatchTouchEvent', {
    type,
    touchPoints: points.map(([x, y], id) => ({ x, y, id, radiusX: 2, radiusY: 2, force: 1 })),
  });
}

test('touch: one finger scrolls the page, two fingers pinch-zoom the map', async () => {
  const { page, errors } = await openDemo(browser, server.url, { width: 375, height: 740, dpr: 2, touch: true });
  await scrollToMap(page);
  await frames(page);
  const cdp = await page.context().newCDPSession(page);
  const [cx, cy] = await pagePoint(page, 116.0, 40.0);

  const y0 = await page.evaluate(() => window.scrollY);
  await touch(cdp, 'touchStart', [[cx, cy]]);
  for (let k = 1; k <= 8; k += 1) await touch(cdp, 'touchMove', [[cx, cy - 25 * k]]);
  await touch(cdp, 'touchEnd', []);
  await page.waitForFunction((y) => window.scrollY > y + 50, y0, { timeout: 5000 });
  assert.equal(await zoom(page), 1, 'one finger must not move the map');
  assert.equal(await shadowText(page, '.jjm-gesture-hint'), 'Use two fingers to move the map');

  await scrollSettled(page);
  await scrollToMap(page);
  await frames(page);
  const [mx, my] = await pagePoint(page, 116.0, 40.0);
  const yPinch = await page.evaluate(() => window.scrollY);
  await touch(cdp, 'touchStart', [[mx - 30, my], [mx + 30, my]]);
  for (let k = 1; k <= 8; k += 1) await touch(cdp, 'touchMove', [[mx - 30 - 10 * k, my], [mx + 30 + 10 * k, my]]);
  await touch(cdp, 'touchEnd', []);
  await frames(page);
  const z = await zoom(page);
  assert.ok(z > 2, `two fingers spreading from 60 to 220 px zoom in: ${z}`);
  assert.equal(await page.evaluate(() => window.scrollY), yPinch, 'a pinch must not scroll the page');
  assert.equal(await selected(page), null, 'a pinch is not a tap');
  assert.deepEqual(errors, []);
  await page.close();
});

test('keyboard only: Tab in, arrows reach every place, Enter selects, Escape clears', async () => {
  const { page, errors } = await openDemo(browser, server.url, { width: 375, height: 740 });
  await page.keyboard.press('Tab');
  assert.equal(await map(page, 'return el.shadowRoot.activeElement?.tagName'), 'CANVAS');
  const names = new Set(((await map(page, 'return el.regions()')).map((r) => r.name_en)));
  const reached = new Set();
  const live = () => shadowText(page, '.jjm-live');
  // A fixed pseudo-random walk over the arrow keys.
  const keys = ['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp'];
  let seed = 7;
  for (let k = 0; k < 400 && reached.size < names.size; k += 1) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    await page.keyboard.press(keys[(seed >> 16) % 4]); // high bits: an LCG's low bits cycle
    const text = await live();
    const name = [...names].find((n) => text.startsWith(`${n}, `));
    if (name) reached.add(name);
  }
  assert.deepEqual([...reached].sort(), [...names].sort(), 'arrows reach every place');

  await page.keyboard.press('Home');
  assert.match(await live(), /^Beijing, Province-level region\. Press Enter to select\.$/);
  await page.keyboard.press('End');
  assert.match(await live(), /^Xiong'an Zhongguancun Science Park, /);
  await page.keyboard.press('Enter');
  assert.equal(await selected(page), 'park-xiongan');
  assert.match(await live(), /Xiong'an Zhongguancun Science Park, selected\./);
  assert.match(await page.locator('jingjinji-map .jjm-panel').innerText(), /Xiong'an Zhongguancun Science Park/);
  await page.waitForFunction(() => document.querySelector('jingjinji-map').zoom >= 5, null, { timeout: 3000 });
  await page.keyboard.press('Escape');
  assert.equal(await selected(page), null);
  assert.match(await live(), /Selection cleared/);
  await page.keyboard.press('+');
  await page.waitForFunction(() => document.querySelector('jingjinji-map').zoom > 1.5);
  await page.keyboard.press('0');
  await page.waitForFunction(() => document.querySelector('jingjinji-map').zoom === 1);
  // After the map come its zoom buttons, the list of places and the panel (which scrolls,
  // so it is a tab stop of its own).
  const order = [];
  for (let k = 0; k < 20; k += 1) {
    await page.keyboard.press('Tab');
    order.push(await map(page, 'const a = el.shadowRoot.activeElement; return a ? (a.className || a.tagName) : null'));
  }
  assert.ok(order.includes('jjm-panel'), `tab order: ${order}`);
  assert.ok(order.includes('jjm-zoom-in'), `tab order: ${order}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the list of places selects on the map and shows the selection', async () => {
  const { page, errors } = await openDemo(browser, server.url, { width: 720 });
  const buttons = await map(page, 'return [...el.shadowRoot.querySelectorAll(".jjm-place")].map((b) => b.textContent)');
  assert.equal(buttons.length, 14);
  await page.locator('jingjinji-map .jjm-place', { hasText: 'Wuqing' }).click();
  assert.equal(await selected(page), 'park-wuqing');
  const pressed = await map(page, 'return [...el.shadowRoot.querySelectorAll(".jjm-place[aria-pressed=true]")].map((b) => b.dataset.id)');
  assert.deepEqual(pressed, ['park-wuqing']);
  await page.waitForFunction(() => document.querySelector('jingjinji-map').zoom >= 5, null, { timeout: 3000 });
  // With reduced motion the change is instant: no frame has run yet after the click.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await map(page, 'el.shadowRoot.querySelector(".jjm-reset").click()');
  assert.equal(await zoom(page), 1);
  await map(page, 'el.shadowRoot.querySelector(".jjm-place[data-id=park-handan]").click()');
  assert.equal(await zoom(page), 5);
  // Chinese names when the map is in Chinese.
  await map(page, 'el.lang = "zh"');
  const zh = await map(page, 'return el.shadowRoot.querySelector(".jjm-place[aria-pressed=true]").textContent');
  assert.equal(zh, '邯郸');
  assert.deepEqual(errors, []);
  await page.close();
});

test('deep links: #region= selects on load and follows the selection', async () => {
  const { page, errors } = await openDemo(browser, server.url, { width: 720, query: '#region=xiongan' });
  assert.equal(await selected(page), 'xiongan');
  assert.match(await page.locator('jingjinji-map .jjm-panel').innerText(), /Xiong'an New Area/);
  await map(page, 'el.select("tianjin")');
  assert.equal(await page.evaluate(() => location.hash), '#region=tianjin');
  await page.evaluate(() => { location.hash = '#region=park-handan'; });
  await page.waitForFunction(() => document.querySelector('jingjinji-map').selected === 'park-handan');
  await map(page, 'el.select(null)');
  assert.equal(await page.evaluate(() => location.hash), '');
  assert.deepEqual(errors, []);
  await page.close();

  const second = await openDemo(browser, server.url, { width: 720, query: '#region=atlantis' });
  assert.equal(await selected(second.page), null);
  assert.deepEqual(second.errors, [], 'an unknown id is not an error');
  await second.page.close();
});

for (const width of [375, 960]) {
  test(`axe-core finds no accessibility violations (${width}px)`, async () => {
    const { page } = await openDemo(browser, server.url, { width, height: 900 });
    await page.addScriptTag({ path: path.join(ROOT, 'node_modules/axe-core/axe.min.js') });
    for (const id of [null, 'xiongan']) {
      await map(page, 'el.select(arg)', id);
      await frames(page);
      const result = await page.evaluate(async () => {
        const r = await window.axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
      });
      assert.deepEqual(result, [], `with ${id ?? 'the overview'} shown`);
    }
    await page.close();
  });
}

test('while a drag is under way the last picture moves; once it settles the map is drawn afresh', async () => {
  const { page, errors } = await openDemo(browser, server.url, { width: 720 });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await scrollToMap(page);
  await map(page, 'el.shadowRoot.querySelector(".jjm-zoom-in").click()'); // room to pan
  await frames(page);
  const pixel = (x, y) => map(page, `const c = el.canvas; const d = c.width / c.getBoundingClientRect().width;
    return Array.from(c.getContext('2d').getImageData(Math.round(arg[0] * d), Math.round(arg[1] * d), 1, 1).data);`, [x, y]);
  const box = await map(page, 'const r = el.canvas.getBoundingClientRect(); return [r.left, r.top, r.width, r.height];');
  const [cx, cy] = [box[0] + box[2] / 2, box[1] + box[3] / 2];
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  await page.mouse.move(cx + 150, cy, { steps: 6 });
  await frames(page);
  // Mid-gesture, the strip the drag uncovered on the left is not drawn yet: it is background.
  const during = await pixel(5, box[3] / 2);
  await page.waitForTimeout(400); // the pointer rests: the gesture settles
  const settled = await pixel(5, box[3] / 2);
  await page.mouse.up();
  // A full frame on demand, through the public API: a theme there and back.
  await map(page, 'el.theme = "dark"');
  await frames(page);
  await map(page, 'el.theme = "light"');
  await frames(page);
  const fresh = await pixel(5, box[3] / 2);
  assert.deepEqual(during, [220, 232, 239, 255], 'the uncovered strip shows the background while dragging');
  assert.notDeepEqual(settled, during, 'the settled map fills the strip');
  assert.deepEqual(settled, fresh, 'the settled frame is the full drawing');
  assert.deepEqual(errors, []);
  await page.close();
});
