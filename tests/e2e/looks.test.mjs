// The map as readers see it, compared with reference pictures that were looked at by eye:
// 320, 375 and 960 px wide, light and dark, English and Chinese (docs/reference/). A change
// that moves the picture fails here; if the change is meant, look at the new pictures and
// commit them (`make screenshots` rewrites the references, then `git diff` shows what moved).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launch } from './harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const REFERENCE = path.join(ROOT, 'docs/reference');
const UPDATE = process.env.UPDATE_SCREENSHOTS === '1';
/** A pixel differs when a channel moves by more than this (anti-aliasing moves a little). */
const CHANNEL_TOLERANCE = 40;
/** The share of pixels that may differ (text rasterised a hair differently). */
const PIXEL_TOLERANCE = 0.002;

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** The widget's map alone on a page of its theme's colour, drawn and still, as PNG bytes. */
async function picture(width, theme, lang) {
  const page = await browser.newPage({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.route('**/looks.html', (route) => route.fulfill({
    contentType: 'text/html; charset=utf-8',
    body: `<!doctype html><html lang="${lang}"><body style="margin:0;padding:8px;background:${theme === 'dark' ? '#111' : '#fff'};color:${theme === 'dark' ? '#eee' : '#111'}">
      <jingjinji-map lang="${lang}" theme="${theme}" hash="off"></jingjinji-map>
      <script type="module" src="jingjinji-map.js"></script></body></html>`,
  }));
  await page.goto(`${server.url}looks.html`);
  await page.waitForFunction(() => customElements.get('jingjinji-map'));
  await page.evaluate(() => document.querySelector('jingjinji-map').ready);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  // The cartography: the canvas, the key and the credit (the panel is plain text).
  const figure = await page.evaluateHandle(() => document.querySelector('jingjinji-map').shadowRoot.querySelector('.jjm-map'));
  const png = await figure.screenshot();
  await page.close();
  return png;
}

/** How many pixels of `a` and `b` (PNG bytes) differ beyond the channel tolerance, out of
 *  how many, decoded and compared by the browser. */
async function difference(a, b) {
  const page = await browser.newPage();
  const result = await page.evaluate(async ([x, y, tolerance]) => {
    const load = async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const ctx = c.getContext('2d');
      ctx.drawImage(img, 0, 0);
      return ctx.getImageData(0, 0, img.width, img.height);
    };
    const [p, q] = [await load(x), await load(y)];
    if (p.width !== q.width || p.height !== q.height) return { size: [p.width, p.height, q.width, q.height] };
    let differ = 0;
    for (let k = 0; k < p.data.length; k += 4) {
      if (Math.abs(p.data[k] - q.data[k]) > tolerance || Math.abs(p.data[k + 1] - q.data[k + 1]) > tolerance
        || Math.abs(p.data[k + 2] - q.data[k + 2]) > tolerance) differ += 1;
    }
    return { differ, of: p.width * p.height };
  }, [a.toString('base64'), b.toString('base64'), CHANNEL_TOLERANCE]);
  await page.close();
  return result;
}

for (const width of [320, 375, 960]) {
  for (const theme of ['light', 'dark']) {
    for (const lang of ['en', 'zh']) {
      const name = `${width}-${theme}-${lang}.png`;
      test(`the map at ${width} px, ${theme}, ${lang} looks as its reference picture`, async () => {
        const now = await picture(width, theme, lang);
        const file = path.join(REFERENCE, name);
        if (UPDATE) {
          await mkdir(REFERENCE, { recursive: true });
          await writeFile(file, now);
          return;
        }
        const reference = await readFile(file).catch(() => null);
        assert.ok(reference, `no reference picture ${file}: run make screenshots, look at it, commit it`);
        const d = await difference(reference, now);
        assert.ok(!d.size, `the picture is ${d.size?.[2]}×${d.size?.[3]} px, its reference ${d.size?.[0]}×${d.size?.[1]}`);
        assert.ok(d.differ <= PIXEL_TOLERANCE * d.of,
          `${d.differ} of ${d.of} pixels differ from docs/reference/${name}`);
      });
    }
  }
}

// A declaration the browser cannot read is dropped without a word: the place buttons once
// drew in the browser's 13.3 px Arial because `font: 13px/1.3 inherit` is not CSS.
test('every declaration in the map\'s stylesheet is one the browser keeps', async () => {
  const css = await readFile(path.join(ROOT, 'www/jingjinji-map.source.css'), 'utf8');
  const page = await browser.newPage();
  const dropped = await page.evaluate((source) => {
    const out = [];
    // Each rule's body (the innermost braces, so a rule inside @media or @container too),
    // each declaration tried on an element of its own.
    for (const [, selector, body] of source.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{}]*)\{([^{}]*)\}/g)) {
      for (const declaration of body.split(';').map((d) => d.trim()).filter(Boolean)) {
        const at = declaration.indexOf(':');
        const [name, value] = [declaration.slice(0, at).trim(), declaration.slice(at + 1).trim()];
        const probe = document.createElement('div');
        probe.style.setProperty(name, value.replace(/\s*!important$/, ''));
        if (!name.startsWith('--') && !probe.style.getPropertyValue(name)) out.push(`${selector.trim()} { ${declaration} }`);
      }
    }
    return out;
  }, css);
  await page.close();
  assert.deepEqual(dropped, []);
});

test('the list of places, the key, the panel and the zoom buttons are written in the map\'s own font', async () => {
  const page = await browser.newPage({ viewport: { width: 960, height: 900 } });
  await page.route('**/looks.html', (route) => route.fulfill({
    contentType: 'text/html; charset=utf-8',
    body: '<!doctype html><html lang="en"><body><jingjinji-map hash="off"></jingjinji-map><script type="module" src="jingjinji-map.js"></script></body></html>',
  }));
  await page.goto(`${server.url}looks.html`);
  await page.waitForFunction(() => customElements.get('jingjinji-map'));
  const fonts = await page.evaluate(async () => {
    const el = document.querySelector('jingjinji-map');
    await el.ready;
    const root = el.shadowRoot;
    const family = (selector) => getComputedStyle(root.querySelector(selector)).fontFamily;
    return { map: family('.jjm-frame'), place: family('.jjm-place'), key: family('.jjm-legend'), panel: family('.jjm-panel'), download: family('.jjm-download'), zoom: family('.jjm-zoom button') };
  });
  await page.close();
  for (const [part, family] of Object.entries(fonts)) assert.equal(family, fonts.map, `${part}: ${family}`);
});
