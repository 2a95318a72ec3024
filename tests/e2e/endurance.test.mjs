// Endurance on one page: a thousand rapid resizes, then ten thousand random clicks and key
// presses, leave the JS heap, the DOM and the wasm memory where they were after a warm-up.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openDemo, memoryAfterCollection } from './harness.mjs';

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('1,000 resizes and 10,000 random clicks and keys leave memory bounded', async () => {
  const { page, errors } = await openDemo(browser, server.url, { width: 900 });
  const measure = () => memoryAfterCollection(page);
  // Resizes: the map's column narrows and widens; a frame every fourth change.
  const resizes = (n) => page.evaluate(async (count) => {
    const el = document.querySelector('jingjinji-map');
    for (let k = 0; k < count; k += 1) {
      el.style.width = `${280 + ((k * 37) % 600)}px`;
      if (k % 4 === 3) await new Promise((r) => requestAnimationFrame(r));
    }
    el.style.width = '';
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  }, n);
  // Clicks anywhere on the canvas and the map's keys, in a fixed pseudo-random order.
  const pokes = (n, seed) => page.evaluate(async ([count, start]) => {
    const el = document.querySelector('jingjinji-map');
    const canvas = el.canvas;
    const keys = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Enter', ' ', 'Escape', '+', '-', '0', 'Home', 'End', 'Tab'];
    let s = start;
    const random = () => { s = (s * 1103515245 + 12345) % 2147483648; return s / 2147483648; };
    canvas.focus();
    for (let k = 0; k < count; k += 1) {
      const r = canvas.getBoundingClientRect();
      if (random() < 0.5) {
        canvas.dispatchEvent(new MouseEvent('click', { clientX: r.left + random() * r.width, clientY: r.top + random() * r.height, bubbles: true }));
      } else {
        canvas.dispatchEvent(new KeyboardEvent('keydown', { key: keys[Math.floor(random() * keys.length)], bubbles: true, cancelable: true }));
      }
      if (k % 50 === 49) await new Promise((res) => requestAnimationFrame(res));
    }
  }, [n, seed]);

  await resizes(100);
  await pokes(1000, 7);
  const start = await measure();
  await resizes(1000);
  await pokes(10000, 11);
  const end = await measure();
  console.log('endurance', JSON.stringify({ start, end }));
  assert.ok(end.nodes <= start.nodes * 1.2 + 100, `DOM nodes ${start.nodes} → ${end.nodes}`);
  assert.ok(end.heap <= start.heap * 1.5 + 2e6, `JS heap ${start.heap} → ${end.heap}`);
  assert.ok(end.wasm <= start.wasm + 2 ** 20, `wasm memory ${start.wasm} → ${end.wasm}`);
  assert.deepEqual(errors, []);
  await page.close();
});
