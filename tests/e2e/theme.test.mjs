// Themes as a reader meets them: a dark page's map is dark, `auto` follows the reader's
// preference live, a changed attribute takes effect without a reload, and forced colours
// (Windows high contrast) get the black-on-white map. Pixels are read back from the canvas.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openDemo } from './harness.mjs';

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

// The themes' colours (src/render/style.rs): the sea and Beijing's fill.
const SEA = { light: [0xdc, 0xe8, 0xef], dark: [0x0e, 0x1a, 0x22], contrast: [0xff, 0xff, 0xff] };
const BEIJING = { light: [0xf2, 0xb2, 0x79], dark: [0x8c, 0x5a, 0x2e], contrast: [0xff, 0xff, 0xff] };

const frames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** What a reader sees of the theme: the sea (Bohai Bay), Beijing, and the panel's text colour. */
async function look(page) {
  await frames(page);
  return page.evaluate(() => {
    const el = document.querySelector('jingjinji-map');
    const c = el.canvas;
    const dpr = c.width / c.getBoundingClientRect().width;
    const at = (lon, lat) => {
      const [x, y] = el.project(lon, lat);
      return Array.from(c.getContext('2d').getImageData(Math.round(x * dpr), Math.round(y * dpr), 1, 1).data.slice(0, 3));
    };
    return {
      sea: at(118.6, 38.6),
      beijing: at(116.25, 40.6),
      text: getComputedStyle(el.shadowRoot.querySelector('.jjm-title')).color,
      theme: el.shadowRoot.querySelector('.jjm-frame').dataset.theme,
    };
  });
}

const setTheme = (page, value) => page.evaluate((v) => {
  const el = document.querySelector('jingjinji-map');
  if (v === null) el.removeAttribute('theme'); else el.setAttribute('theme', v);
}, value);

test('theme="dark" draws the dark map and panel, and attribute changes take effect live', async () => {
  const { page, errors } = await openDemo(browser, server.url, { width: 720 });
  assert.deepEqual(await look(page), { sea: SEA.light, beijing: BEIJING.light, text: 'rgb(31, 42, 51)', theme: 'light' });
  await setTheme(page, 'dark');
  assert.deepEqual(await look(page), { sea: SEA.dark, beijing: BEIJING.dark, text: 'rgb(232, 238, 242)', theme: 'dark' });
  assert.equal(await page.evaluate(() => document.querySelector('jingjinji-map').theme), 'dark');
  await setTheme(page, null);
  assert.deepEqual((await look(page)).sea, SEA.light, 'no theme is light');
  // An unknown theme is a warning, and the light map.
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await setTheme(page, 'sepia');
  assert.deepEqual((await look(page)).sea, SEA.light);
  assert.deepEqual(warnings, ['jingjinji-map: no theme is called "sepia"; use light, dark or auto']);
  assert.deepEqual(errors, []);
  await page.close();
});

test('theme="auto" follows the reader\'s light or dark preference as it changes', async () => {
  const { page, errors } = await openDemo(browser, server.url, { width: 720 });
  await setTheme(page, 'auto');
  await page.emulateMedia({ colorScheme: 'dark' });
  assert.deepEqual((await look(page)).sea, SEA.dark);
  await page.emulateMedia({ colorScheme: 'light' });
  assert.deepEqual((await look(page)).sea, SEA.light);
  // A page that chose light stays light for a reader who prefers dark.
  await setTheme(page, 'light');
  await page.emulateMedia({ colorScheme: 'dark' });
  assert.deepEqual((await look(page)).sea, SEA.light);
  assert.deepEqual(errors, []);
  await page.close();
});

test('forced colours (high contrast) get the black-on-white map whatever the theme', async () => {
  const { page, errors } = await openDemo(browser, server.url, { width: 720 });
  await setTheme(page, 'dark');
  await page.emulateMedia({ forcedColors: 'active' });
  const seen = await look(page);
  assert.deepEqual([seen.sea, seen.beijing, seen.theme], [SEA.contrast, BEIJING.contrast, 'contrast']);
  await page.emulateMedia({ forcedColors: 'none' });
  assert.deepEqual((await look(page)).sea, SEA.dark);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the key under the map is text in the chosen language, its symbols in the theme\'s colours', async () => {
  const { page, errors } = await openDemo(browser, server.url, { width: 720 });
  const key = () => page.evaluate(() => Array.from(
    document.querySelector('jingjinji-map').shadowRoot.querySelectorAll('.jjm-legend li'),
    (li) => [li.textContent, getComputedStyle(li.querySelector('.jjm-swatch')).backgroundColor],
  ));
  assert.deepEqual(await key(), [
    ['“New two wings” (approx.)', 'rgb(184, 50, 42)'],
    ['Zhongguancun partner park (approx.)', 'rgb(31, 78, 121)'],
  ]);
  await setTheme(page, 'dark');
  await frames(page);
  assert.deepEqual((await key()).map((row) => row[1]), ['rgb(255, 107, 94)', 'rgb(140, 196, 255)']);
  await page.evaluate(() => { document.querySelector('jingjinji-map').lang = 'zh'; });
  assert.deepEqual((await key()).map((row) => row[0]), ['“新两翼”（位置为近似）', '中关村合作园区（位置为近似）']);
  assert.deepEqual(errors, []);
  await page.close();
});

test('printed, the map shows no buttons and the whole panel', async () => {
  const { page, errors } = await openDemo(browser, server.url, { width: 960 });
  const printed = () => page.evaluate(() => {
    const root = document.querySelector('jingjinji-map').shadowRoot;
    return [getComputedStyle(root.querySelector('.jjm-zoom')).display, getComputedStyle(root.querySelector('.jjm-panel')).maxHeight];
  });
  assert.deepEqual(await printed(), ['flex', '560px']);
  await page.emulateMedia({ media: 'print' });
  assert.deepEqual(await printed(), ['none', 'none']);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a theme change repaints the key but keeps the reader\'s place in the list', async () => {
  const { page, errors } = await openDemo(browser, server.url, { width: 720 });
  await page.evaluate(() => document.querySelector('jingjinji-map').shadowRoot.querySelector('.jjm-place[data-id="tianjin"]').focus());
  await setTheme(page, 'dark');
  await frames(page);
  const seen = await page.evaluate(() => {
    const root = document.querySelector('jingjinji-map').shadowRoot;
    return [root.activeElement?.dataset.id, getComputedStyle(root.querySelector('.jjm-swatch')).backgroundColor];
  });
  assert.deepEqual(seen, ['tianjin', 'rgb(255, 107, 94)']);
  assert.deepEqual(errors, []);
  await page.close();
});
