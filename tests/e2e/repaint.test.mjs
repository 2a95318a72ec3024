// The animation-frame redraw path in real Chromium: real pointer events hover and select,
// and the canvas's pixels are read back after the frame (no test-only render call).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openDemo } from './harness.mjs';

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

// What a reader sees: the light theme's fills (src/render/style.rs).
const BEIJING = [0xf2, 0xb2, 0x79];
const BEIJING_ACTIVE = [0xe5, 0x8f, 0x45];
const TIANJIN = [0x9c, 0xc3, 0xe0];
const TIANJIN_ACTIVE = [0x6f, 0xa3, 0xcc];

/** Waits for two animation frames, so a requested redraw has painted. */
const frames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** The canvas pixel (RGB) at a longitude/latitude, read back from the backing store. */
async function pixelAt(page, lon, lat) {
  return page.evaluate(([lo, la]) => {
    const el = document.querySelector('jingjinji-map');
    const [x, y] = el.project(lo, la);
    const c = el.canvas;
    const dpr = c.width / c.getBoundingClientRect().width;
    const d = c.getContext('2d').getImageData(Math.round(x * dpr), Math.round(y * dpr), 1, 1).data;
    return [d[0], d[1], d[2]];
  }, [lon, lat]);
}

/** Page coordinates of a longitude/latitude on the map. */
async function pagePoint(page, lon, lat) {
  return page.evaluate(([lo, la]) => {
    const el = document.querySelector('jingjinji-map');
    const [x, y] = el.project(lo, la);
    const r = el.canvas.getBoundingClientRect();
    return [r.left + x, r.top + y];
  }, [lon, lat]);
}

test('hovering and clicking repaint the map through animation frames', async () => {
  const { page, errors } = await openDemo(browser, server.url, { width: 720, dpr: 2 });
  await page.evaluate(() => document.querySelector('jingjinji-map').scrollIntoView());
  await frames(page);
  // Read colours at points away from labels and symbols.
  const beijingPoint = [116.25, 40.6];
  const tianjinPoint = [117.42, 40.05];
  assert.deepEqual(await pixelAt(page, ...beijingPoint), BEIJING);

  await page.mouse.move(...(await pagePoint(page, 116.5, 40.3)));
  await frames(page);
  assert.deepEqual(await pixelAt(page, ...beijingPoint), BEIJING_ACTIVE, 'hover emphasises Beijing');
  const cursor = await page.evaluate(() => document.querySelector('jingjinji-map').canvas.style.cursor);
  assert.equal(cursor, 'pointer');

  await page.mouse.move(...(await pagePoint(page, 119.6, 38.5)));
  await frames(page);
  assert.deepEqual(await pixelAt(page, ...beijingPoint), BEIJING, 'leaving Beijing restores it');

  await page.mouse.click(...(await pagePoint(page, ...tianjinPoint)));
  await page.mouse.move(...(await pagePoint(page, 119.6, 38.5)));
  await frames(page);
  assert.deepEqual(await pixelAt(page, ...tianjinPoint), TIANJIN_ACTIVE, 'the selection stays emphasised');
  assert.deepEqual(await pixelAt(page, ...beijingPoint), BEIJING);

  await page.mouse.click(...(await pagePoint(page, 119.6, 38.5)));
  await frames(page);
  assert.deepEqual(await pixelAt(page, ...tianjinPoint), TIANJIN, 'clicking the sea clears it');
  assert.deepEqual(errors, []);
  await page.close();
});

test('moving to a screen of another pixel density redraws sharp', async () => {
  // Headless Chromium applies an emulated pixel ratio but does not fire the media-query
  // `change` event that a real move to another screen fires, so the test keeps the lists
  // the widget watches and fires that event on them after changing the ratio.
  const init = () => {
    window.resolutionLists = [];
    const real = window.matchMedia.bind(window);
    window.matchMedia = (query) => {
      const list = real(query);
      if (query.includes('resolution')) window.resolutionLists.push(list);
      return list;
    };
  };
  const { page, errors } = await openDemo(browser, server.url, { width: 720, dpr: 1, init });
  const size = () => page.evaluate(() => {
    const c = document.querySelector('jingjinji-map').canvas;
    return { device: c.width, css: c.getBoundingClientRect().width };
  });
  const before = await size();
  assert.equal(before.device, Math.round(before.css));
  const cdp = await page.context().newCDPSession(page);
  const moveTo = async (ratio) => {
    await cdp.send('Emulation.setDeviceMetricsOverride', { width: 720, height: 1000, deviceScaleFactor: ratio, mobile: false });
    // Only the list for the ratio the canvas was sized for reports a change, as in a browser.
    return page.evaluate(() => {
      const watched = window.resolutionLists.filter((l) => !l.matches);
      watched.forEach((l) => l.dispatchEvent(new Event('change')));
      return watched.map((l) => l.media);
    });
  };
  const first = await moveTo(2);
  assert.equal(first.length, 1, `watched: ${first}`);
  assert.match(first[0], /min-resolution: 0\.999dppx/);
  await page.waitForFunction((css) => document.querySelector('jingjinji-map').canvas.width === Math.round(css * 2), before.css, { timeout: 5000 });
  assert.equal((await size()).css, before.css, 'the CSS size did not change');
  assert.deepEqual(await pixelAt(page, 116.25, 40.6), BEIJING, 'the map is drawn at the new density');
  // Back again: the widget must now watch the 2× ratio, not the 1× one it started with.
  const lists = await moveTo(1);
  assert.ok(lists.some((l) => l.includes('min-resolution: 1.999dppx')), `watched: ${lists}`);
  await page.waitForFunction((css) => document.querySelector('jingjinji-map').canvas.width === Math.round(css), before.css, { timeout: 5000 });
  assert.deepEqual(errors, []);
  await page.close();
});

test('the map draws on change only: no frame when idle, two for a wheel step', async () => {
  const { page, errors } = await openDemo(browser, server.url, { width: 720 });
  // The first frame is drawn before `ready`: none is left pending for it. (Animation frames
  // asked for from here on are counted until they run or are cancelled.)
  const pending = await page.evaluate(async () => {
    const asked = new Set();
    const request = window.requestAnimationFrame, cancel = window.cancelAnimationFrame;
    window.requestAnimationFrame = (f) => { const id = request((t) => { asked.delete(id); f(t); }); asked.add(id); return id; };
    window.cancelAnimationFrame = (id) => { asked.delete(id); cancel(id); };
    const el = document.createElement('jingjinji-map');
    el.setAttribute('loading', 'eager');
    el.setAttribute('hash', 'off');
    document.body.append(el);
    await el.ready;
    const left = asked.size;
    el.remove();
    window.requestAnimationFrame = request;
    window.cancelAnimationFrame = cancel;
    return left;
  });
  assert.equal(pending, 0, 'a frame is pending right after the first one was drawn');
  // Count the widget's frames, full or moved picture: each starts by filling the whole
  // canvas with the background.
  const framesIn = (ms) => page.evaluate(async (wait) => {
    const ctx = document.querySelector('jingjinji-map').canvas.getContext('2d');
    let count = 0;
    ctx.fillRect = function counted(x, y, ...rest) {
      if (x === 0 && y === 0) count += 1;
      return CanvasRenderingContext2D.prototype.fillRect.call(this, x, y, ...rest);
    };
    await new Promise((r) => setTimeout(r, wait));
    delete ctx.fillRect;
    return count;
  }, ms);
  assert.equal(await framesIn(400), 0, 'frames while nothing changes');
  const box = await page.evaluate(() => { const r = document.querySelector('jingjinji-map').canvas.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; });
  await page.mouse.move(box[0], box[1]);
  const counting = framesIn(600);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -200);
  await page.keyboard.up('Control');
  // One frame moves the picture; one full frame follows when the wheel rests.
  assert.equal(await counting, 2);
  assert.deepEqual(errors, []);
  await page.close();
});
