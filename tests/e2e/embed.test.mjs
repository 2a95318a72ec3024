// Embedding on a host page (issue #9): attributes that live, lazy loading, two maps under a
// strict content security policy, many create/remove cycles, a hostile host stylesheet, and
// the map saved as a PNG. Each uses its own page in tests/e2e/pages/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { serve, launch, openDemo, memoryAfterCollection } from './harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let server;
let browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** A page with console errors and warnings collected. */
async function open(file, { width = 720, height = 900, init = null, element = true } = {}) {
  const page = await browser.newPage({ viewport: { width, height } });
  const errors = [];
  const warnings = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
    if (m.type() === 'warning') warnings.push(m.text());
  });
  if (init) await page.addInitScript(init);
  await page.goto(server.url + file);
  if (element) await page.waitForFunction(() => customElements.get('jingjinji-map'));
  return { page, errors, warnings };
}

const frames = (page, n = 2) => page.evaluate((k) => new Promise((r) => {
  const step = (left) => (left ? requestAnimationFrame(() => step(left - 1)) : r());
  step(k);
}), n);

test('element: every attribute takes effect when it changes, and each has a property', async () => {
  const { page, errors, warnings } = await open('pages/blank.html');
  for (const name of ['shanghai-suzhou.geojson', 'shanghai-suzhou.policies.json']) {
    await page.route(`**/example/${name}`, (route) => route.fulfill({ path: path.join(ROOT, 'data/examples', name) }));
  }
  const state = () => page.evaluate(() => {
    const el = window.map;
    const root = el.shadowRoot;
    return {
      selected: el.selected,
      title: root.querySelector('.jjm-title')?.textContent,
      theme: root.querySelector('.jjm-frame')?.dataset.theme,
      height: Math.round(el.canvas.getBoundingClientRect().height),
      hash: location.hash,
    };
  });
  await page.evaluate(async () => {
    const el = document.createElement('jingjinji-map');
    for (const [k, v] of Object.entries({ lang: 'en', region: 'xiongan', hash: 'off', loading: 'eager' })) el.setAttribute(k, v);
    document.body.append(el);
    window.map = el;
    await el.ready;
  });
  const first = await state();
  assert.equal(first.selected, 'xiongan', 'region selects on load');
  assert.match(first.title, /Xiong'an/);

  await page.evaluate(() => { window.map.region = 'tianjin'; });
  assert.equal(await page.evaluate(() => window.map.getAttribute('region')), 'tianjin', 'the property sets the attribute');
  assert.equal((await state()).selected, 'tianjin');

  await page.evaluate(() => window.map.setAttribute('lang', 'zh'));
  assert.equal((await state()).title, '天津市');
  // A language the map does not have is a warning; the map keeps its Chinese.
  await page.evaluate(() => window.map.setAttribute('lang', 'fr'));
  assert.equal((await state()).title, '天津市');
  assert.ok(warnings.some((w) => w.includes('jingjinji-map:') && w.includes('fr')), warnings.join('\n'));

  await page.evaluate(() => { window.map.theme = 'dark'; window.map.height = '300'; });
  await frames(page, 3);
  const styled = await state();
  assert.equal(styled.theme, 'dark');
  assert.equal(styled.height, 300);
  assert.equal(await page.evaluate(() => window.map.canvas.height), 300, 'the canvas is drawn at its new height');

  // hash: off leaves the URL alone; switched on, the URL follows the selection.
  assert.equal(styled.hash, '');
  await page.evaluate(() => { window.map.hash = null; window.map.region = 'hebei'; });
  assert.equal((await state()).hash, '#region=hebei');

  // An unknown region is a warning, never a broken map.
  await page.evaluate(() => { window.map.region = 'atlantis'; });
  assert.ok(warnings.some((w) => w.includes('no place "atlantis"')), warnings.join('\n'));
  assert.equal((await state()).selected, 'hebei');

  // New data starts the map again; `ready` settles with it.
  const example = await page.evaluate(async () => {
    const el = window.map;
    el.region = 'suzhou';
    el.features = 'example/shanghai-suzhou.geojson';
    el.policies = 'example/shanghai-suzhou.policies.json';
    el.lang = 'en';
    await el.ready;
    return { ids: el.regions().map((r) => r.id).sort(), selected: el.selected, name: el.canvas.getAttribute('aria-label') };
  });
  assert.deepEqual(example, { ids: ['shanghai', 'suzhou'], selected: 'suzhou', name: 'Map of Shanghai and Suzhou (example)' });
  assert.deepEqual(errors, []);
  await page.close();
});

test('lazy: no code or data is fetched until the reader scrolls near the map; eager loads at once', async () => {
  const fetched = () => server.requested.filter((p) => /\.(wasm|geojson)$|policies\.json$/.test(p));
  server.requested.length = 0;
  const { page, errors } = await open('pages/lazy.html');
  await page.waitForTimeout(800);
  assert.deepEqual(fetched(), [], 'fetched before the reader came near the map');
  // The box is already there, the page's picture in it, its height reserved.
  const box = await page.evaluate(() => document.querySelector('jingjinji-map').getBoundingClientRect().height);
  assert.ok(box > 400, `the waiting box is ${box} px tall`);
  await page.evaluate(() => window.scrollTo(0, 3000));
  await page.evaluate(() => document.querySelector('jingjinji-map').ready);
  assert.deepEqual(fetched().sort(), ['/data/places.geojson', '/data/policies.json', '/jingjinji-map.wasm']);
  await page.close();

  server.requested.length = 0;
  const eager = await open('pages/lazy.html');
  await eager.page.evaluate(() => { document.querySelector('jingjinji-map').loading = 'eager'; });
  await eager.page.evaluate(() => document.querySelector('jingjinji-map').ready);
  assert.equal(fetched().length, 3, 'loading="eager" loads without scrolling');
  assert.deepEqual([...errors, ...eager.errors], []);
  await eager.page.close();
});

test('two maps under a strict content security policy: no violation, one wasm download, their own state', async () => {
  server.requested.length = 0;
  const { page, errors } = await open('pages/two-maps.strict.html', {
    init: () => {
      window.violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.violations.push(`${e.violatedDirective}: ${e.blockedURI}`));
    },
  });
  const seen = await page.evaluate(async () => {
    const [a, b] = document.querySelectorAll('jingjinji-map');
    await Promise.all([a.ready, b.ready]);
    a.select('beijing');
    const title = (el) => el.shadowRoot.querySelector('.jjm-title').textContent;
    return {
      selected: [a.selected, b.selected],
      titles: [title(a), title(b)],
      themes: [a, b].map((el) => el.shadowRoot.querySelector('.jjm-frame').dataset.theme),
      violations: window.violations,
    };
  });
  assert.deepEqual(seen.selected, ['beijing', null]);
  assert.equal(seen.titles[0], 'Beijing');
  assert.match(seen.titles[1], /京津冀/);
  assert.deepEqual(seen.themes, ['light', 'dark']);
  assert.deepEqual(seen.violations, []);
  assert.equal(server.requested.filter((p) => p.endsWith('.wasm')).length, 1, 'the wasm is fetched once per page');
  assert.deepEqual(errors, []);
  await page.close();
});

test('200 create/remove cycles leave no DOM nodes, heap or wasm memory behind', async () => {
  const { page, errors } = await open('pages/blank.html');
  const cycles = (n) => page.evaluate(async (count) => {
    for (let k = 0; k < count; k += 1) {
      const el = document.createElement('jingjinji-map');
      el.setAttribute('loading', 'eager');
      el.setAttribute('hash', 'off');
      document.body.append(el);
      await el.ready;
      if (k % 2) el.remove(); // the other half: destroy() and then remove
      else { el.destroy(); el.remove(); }
      await new Promise((r) => setTimeout(r, 0));
    }
  }, n);
  const measure = () => memoryAfterCollection(page);
  await cycles(20); // warm up: the wasm module, caches, the allocator's pools
  const start = await measure();
  await cycles(200);
  const end = await measure();
  console.log('cycles', JSON.stringify({ start, end }));
  assert.ok(end.nodes <= start.nodes + 50, `DOM nodes ${start.nodes} → ${end.nodes}`);
  assert.ok(end.heap <= start.heap * 1.25 + 1e6, `JS heap ${start.heap} → ${end.heap}`);
  assert.ok(end.wasm <= start.wasm + 2 ** 20, `wasm memory ${start.wasm} → ${end.wasm}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a hostile host stylesheet does not reach inside the widget', async () => {
  const { page, errors } = await open('pages/hostile.html', { width: 720 });
  await page.evaluate(() => document.querySelector('jingjinji-map').ready);
  await frames(page);
  const seen = await page.evaluate(() => {
    const el = document.querySelector('jingjinji-map');
    const root = el.shadowRoot;
    el.select('tianjin');
    const px = (node, prop) => parseFloat(getComputedStyle(node)[prop]);
    return {
      host: Math.round(el.getBoundingClientRect().width),
      canvas: Math.round(el.canvas.getBoundingClientRect().width),
      zoomButton: Math.round(root.querySelector('.jjm-zoom-in').getBoundingClientRect().width),
      title: px(root.querySelector('.jjm-title'), 'fontSize'),
      text: px(root.querySelector('.jjm-summary'), 'fontSize'),
    };
  });
  assert.ok(seen.canvas > 350, `the canvas is ${seen.canvas} px wide in a ${seen.host} px element`);
  assert.equal(seen.zoomButton, 32);
  assert.equal(seen.title, 20);
  assert.equal(seen.text, 15);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the map saves as a PNG with its title, key and credit: toBlob() and the download button', async () => {
  const { page, errors } = await openDemo(browser, server.url, { width: 720 });
  const seen = await page.evaluate(async () => {
    const el = document.querySelector('jingjinji-map');
    const blob = await el.toBlob();
    const image = await createImageBitmap(blob);
    const c = new OffscreenCanvas(image.width, image.height);
    const ctx = c.getContext('2d');
    ctx.drawImage(image, 0, 0);
    const r = el.canvas.getBoundingClientRect();
    // Beijing's fill on the canvas, and where the same colour is in the picture's column.
    const [bx, by] = el.project(116.25, 40.6).map(Math.round);
    const onCanvas = Array.from(el.canvas.getContext('2d').getImageData(bx, by, 1, 1).data);
    const column = ctx.getImageData(2 * bx, 0, 1, image.height).data;
    const close = (y) => [0, 1, 2].every((k) => Math.abs(column[4 * y + k] - onCanvas[k]) <= 3);
    let mapTop = -1;
    for (let y = 0; y < image.height && mapTop < 0; y += 1) if (close(y)) mapTop = y - 2 * by;
    const corner = Array.from(ctx.getImageData(2, 2, 1, 1).data);
    return { type: blob.type, size: [image.width, image.height], css: [r.width, r.height], mapTop, corner };
  });
  assert.equal(seen.type, 'image/png');
  assert.ok(Math.abs(seen.size[0] - 2 * seen.css[0]) <= 1, `twice the map's width: ${seen.size[0]} for ${seen.css[0]}`);
  assert.ok(seen.size[1] > 2 * seen.css[1] + 100, `room for the title, key and credit: ${seen.size[1]} px`);
  assert.ok(seen.mapTop > 40, `the map sits under the title (at ${seen.mapTop} px)`);
  assert.deepEqual(seen.corner.slice(0, 3), [255, 255, 255], 'the title sits on the light theme\'s surface');

  const download = page.waitForEvent('download');
  await page.evaluate(() => document.querySelector('jingjinji-map').shadowRoot.querySelector('.jjm-download').click());
  const file = await download;
  assert.equal(file.suggestedFilename(), 'jingjinji-map.png');
  const bytes = await readFile(await file.path());
  assert.deepEqual([...bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], 'a PNG file');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a map that cannot load fires an error event and shows why', async () => {
  const { page, errors } = await open('pages/blank.html');
  const message = await page.evaluate(() => new Promise((resolve) => {
    const el = document.createElement('jingjinji-map');
    el.setAttribute('features', 'missing/places.geojson');
    el.setAttribute('loading', 'eager');
    el.addEventListener('error', (e) => resolve(e.detail.message));
    document.body.append(el);
  }));
  assert.match(message, /could not load the map features .*HTTP 404/);
  assert.match(await page.evaluate(() => document.querySelector('jingjinji-map').shadowRoot.querySelector('.jjm-error').textContent), /HTTP 404/);
  // An address that leads to a web page (a CMS's page instead of the file) says so.
  const html = await page.evaluate(() => new Promise((resolve) => {
    const el = document.createElement('jingjinji-map');
    for (const [k, v] of Object.entries({ features: '/pages/blank.html', loading: 'eager', hash: 'off' })) el.setAttribute(k, v);
    el.addEventListener('error', (e) => resolve(e.detail.message));
    document.body.append(el);
  }));
  assert.match(html, /features: is a web page, not JSON: check its address/);
  assert.ok(errors.every((e) => e.includes('404')), errors.join('\n'));
  await page.close();
});

test('iframe: embed.html takes its settings from its URL and the host sizes the frame to it', async () => {
  const { page, errors } = await open('pages/iframe.html', { width: 800, height: 900, element: false });
  const inner = page.frame({ url: /embed\.html/ });
  await inner.waitForFunction(() => customElements.get('jingjinji-map'));
  const state = await inner.evaluate(async () => {
    const el = document.querySelector('jingjinji-map');
    await el.ready;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return {
      selected: el.selected,
      title: el.shadowRoot.querySelector('.jjm-title').textContent,
      theme: el.shadowRoot.querySelector('.jjm-frame').dataset.theme,
      content: Math.ceil(document.documentElement.getBoundingClientRect().height),
    };
  });
  assert.deepEqual([state.selected, state.title, state.theme], ['xiongan', '雄安新区', 'dark']);
  // The frame follows its page's height (which may still change as fonts arrive).
  // Sized: the frame is its page's height, and the page has nothing left to scroll.
  const sized = async () => {
    const [inside, fits] = await inner.evaluate(() => {
      const doc = document.documentElement;
      return [Math.ceil(doc.getBoundingClientRect().height), doc.scrollHeight <= doc.clientHeight];
    });
    const frame = await page.evaluate(() => document.getElementById('map').getBoundingClientRect().height);
    return inside === frame && fits ? inside : 0;
  };
  let settled = 0;
  for (let tries = 0; tries < 50 && !settled; tries += 1) {
    settled = await sized();
    if (!settled) await page.waitForTimeout(100);
  }
  assert.ok(settled > 600, `the frame never matched its page's height (${settled})`);
  state.content = settled;
  const background = await inner.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(background, 'rgb(26, 37, 45)', 'the dark map sits on its dark surface');

  // The right origin with the wrong shape, then the right shape from another origin.
  const height = () => page.evaluate(() => document.getElementById('map').getBoundingClientRect().height);
  await inner.evaluate(() => {
    window.parent.postMessage({ type: 'jingjinji-map:height', height: '9999px' }, '*');
    window.parent.postMessage({ type: 'jingjinji-map:height', height: -5 }, '*');
  });
  await page.waitForTimeout(200);
  assert.ok(await sized(), 'a message of the wrong shape resized the frame');
  const elsewhere = server.url.replace('127.0.0.1', 'localhost');
  await page.evaluate((src) => new Promise((loaded) => {
    const frame = document.getElementById('map');
    frame.onload = loaded;
    frame.contentWindow.location.href = src; // the frame's page goes elsewhere; its src stays
  }), `${elsewhere}pages/impostor.html`);
  await page.waitForTimeout(300);
  const after = await height();
  assert.ok(after < 2000 && after !== 3333, `a message from another origin resized the frame to ${after} px`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('should the map\'s code ever fail, every map on its instance shows its error state and fires error; the page goes on, and a new map gets a fresh instance', async () => {
  // A real panic in Rust (the trap-test build's `trapNextFrame()`): the shipped build aborts
  // at once, and the browser throws a RuntimeError into the frame's callback.
  const { page, errors } = await open('pages/trap.html');
  await page.evaluate(() => Promise.all([...document.querySelectorAll('jingjinji-map')].map((el) => el.ready)));
  const seen = await page.evaluate(async () => {
    const maps = [...document.querySelectorAll('jingjinji-map')];
    const events = maps.map((el) => new Promise((resolve) => el.addEventListener('error', (e) => resolve(e.detail.message))));
    let uncaught = 0;
    window.addEventListener('error', () => { uncaught += 1; });
    maps[0]._widget.trapNextFrame();
    const timeout = new Promise((r) => setTimeout(() => r('no error event'), 5000));
    const messages = await Promise.all(events.map((e) => Promise.race([e, timeout])));
    const pageStillRuns = await new Promise((r) => setTimeout(() => r(true), 0));
    const state = (el) => ({
      shown: el.shadowRoot.querySelector('.jjm-error')?.textContent,
      canvas: el.shadowRoot.querySelectorAll('canvas').length,
      picture: el.shadowRoot.querySelector('slot[name="picture"]') !== null,
    });
    // A map made afterwards gets a fresh instance, and works.
    const third = document.createElement('jingjinji-map');
    for (const [k, v] of [['loading', 'eager'], ['hash', 'off'], ['features', '/data/places.geojson'], ['policies', '/data/policies.json']]) third.setAttribute(k, v);
    third.style.width = '320px';
    document.body.append(third);
    await third.ready;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const [x, y] = third.project(117.45, 40.1);
    const r = third.canvas.getBoundingClientRect();
    third.canvas.dispatchEvent(new MouseEvent('click', { clientX: r.left + x, clientY: r.top + y, bubbles: true }));
    return { messages, states: maps.map(state), uncaught, pageStillRuns, third: third.selected };
  });
  const message = 'an internal error stopped it (please report it)';
  assert.deepEqual(seen.messages, [message, message], 'both maps on the instance fail');
  for (const state of seen.states) {
    assert.equal(state.shown, `The map could not be shown: ${message}`);
    assert.equal(state.canvas, 0, 'the dead canvas is gone');
    assert.ok(state.picture, 'the page\'s picture shows in its place');
  }
  assert.equal(seen.uncaught, 0);
  assert.ok(seen.pageStillRuns);
  assert.equal(seen.third, 'tianjin', 'a map made after the trap works on a fresh instance');
  assert.equal(errors.length, 2, errors.join('\n'));
  assert.ok(errors.every((e) => /jingjinji-map:.*RuntimeError/.test(e)), errors.join('\n'));
  await page.close();
});

test('hostile text in the data stays text: markup, script tags, bidi overrides and very long names', async () => {
  const features = JSON.parse(await readFile(path.join(ROOT, 'data/places.geojson'), 'utf8'));
  const policies = JSON.parse(await readFile(path.join(ROOT, 'data/policies.json'), 'utf8'));
  const markup = '<img src=x onerror="window.pwned=1">';
  const script = '</script><script>window.pwned=2</script>';
  const bidi = '\u202Eevil\u202C Beijing';
  const long = 'Beijing'.repeat(1430); // 10,010 characters
  const beijing = features.features.find((f) => f.properties.id === 'beijing').properties;
  Object.assign(beijing, { name_en: markup + script, short_en: bidi, name_zh: long });
  policies.places.beijing.summary.en = `${markup} ${script} ${long}`;
  const { page, errors } = await open('pages/blank.html', { width: 420 });
  await page.route('**/hostile/places.geojson', (r) => r.fulfill({ body: JSON.stringify(features), contentType: 'application/geo+json' }));
  await page.route('**/hostile/policies.json', (r) => r.fulfill({ body: JSON.stringify(policies), contentType: 'application/json' }));
  const seen = await page.evaluate(async () => {
    const el = document.createElement('jingjinji-map');
    for (const [k, v] of Object.entries({ features: 'hostile/places.geojson', policies: 'hostile/policies.json', lang: 'en', region: 'beijing', hash: 'off', loading: 'eager' })) el.setAttribute(k, v);
    document.body.append(el);
    await el.ready;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const root = el.shadowRoot;
    return {
      pwned: window.pwned ?? null,
      elements: root.querySelectorAll('img, script').length,
      title: root.querySelector('.jjm-title').textContent,
      summary: root.querySelector('.jjm-summary').textContent.slice(0, 80),
      button: root.querySelector('.jjm-place[data-id="beijing"]').textContent,
      pageWidth: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
      panelWidth: Math.round(root.querySelector('.jjm-panel').getBoundingClientRect().width),
      hostWidth: Math.round(el.getBoundingClientRect().width),
    };
  });
  assert.equal(seen.pwned, null, 'markup in the data ran');
  assert.equal(seen.elements, 0, 'markup in the data became elements');
  assert.equal(seen.title, markup + '</script><script>window.pwned=2</script>');
  assert.ok(seen.summary.startsWith(markup), seen.summary);
  assert.equal(seen.button, '\u202Eevil\u202C Beijing');
  assert.ok(seen.pageWidth[0] <= seen.pageWidth[1], `the page scrolls sideways: ${seen.pageWidth}`);
  assert.ok(seen.panelWidth <= seen.hostWidth, `the panel (${seen.panelWidth} px) is wider than the map (${seen.hostWidth} px)`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('max-bytes, max-features, max-positions: a page accepts less data than the map would, and says why a file is over', async () => {
  const { page, errors } = await open('pages/blank.html');
  const size = (await readFile(path.join(ROOT, 'data/places.geojson'))).length;
  const result = (limits) => page.evaluate((attributes) => new Promise((resolve) => {
    const el = document.createElement('jingjinji-map');
    for (const [k, v] of Object.entries({ ...attributes, loading: 'eager', hash: 'off' })) el.setAttribute(k, String(v));
    el.addEventListener('error', (e) => { el.remove(); resolve(e.detail.message); });
    el.ready.then(() => { el.remove(); resolve('ready'); }, () => {});
    document.body.append(el);
  }), limits);
  assert.equal(await result({ 'max-bytes': size, 'max-features': 19 }), 'ready', 'files exactly at the limits load');
  assert.match(await result({ 'max-bytes': size - 1 }), new RegExp(`the file is ${size} bytes; the limit is ${size - 1}`));
  assert.match(await result({ 'max-features': 18 }), /19 features; the limit is 18/);
  assert.match(await result({ 'max-positions': 1000 }), /too many positions: the limit over all features is 1000/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('max-bytes stops a body as it streams in, before the rest is read', async () => {
  const { page, errors } = await open('pages/blank.html');
  const message = await page.evaluate(() => new Promise((resolve) => {
    const el = document.createElement('jingjinji-map');
    for (const [k, v] of Object.entries({ features: '/stream/64.geojson', 'max-bytes': 200000, loading: 'eager', hash: 'off' })) el.setAttribute(k, String(v));
    el.addEventListener('error', (e) => resolve(e.detail.message));
    document.body.append(el);
  }));
  assert.match(message, /features: the file is more than 200000 bytes; the limit is 200000/);
  // The server stops soon after: far less than the file's 64 MiB was ever sent.
  await page.waitForTimeout(300);
  const sent = server.streamed['/stream/64.geojson'];
  assert.ok(sent < 4 * 2 ** 20, `${sent} bytes were sent`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the map asks the network for nothing but its own files and the data it was given', async () => {
  const page = await browser.newPage({ viewport: { width: 720, height: 900 } });
  const asked = [];
  page.on('request', (r) => asked.push(r.url()));
  await page.goto(server.url);
  await page.evaluate(async () => {
    const el = document.querySelector('jingjinji-map');
    await el.ready;
    el.select('xiongan');
    el.shadowRoot.querySelector('.jjm-zoom-in').click();
    await el.toBlob();
  });
  const elsewhere = asked.filter((u) => !u.startsWith(server.url) && !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.deepEqual(elsewhere, []);
  const own = asked.map((u) => u.slice(server.url.length - 1)).filter((p) => !p.endsWith('.css') && p !== '/');
  assert.deepEqual(own.sort(), ['/data/places.geojson', '/data/policies.json', '/jingjinji-map.js', '/jingjinji-map.svg', '/jingjinji-map.wasm']);
  await page.close();
});
