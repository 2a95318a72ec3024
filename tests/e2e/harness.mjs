// Shared by the browser tests: a static server for www/ on a free loopback port, and
// Debian's Chromium launched through playwright-core with the flags this machine needs.
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const WWW = path.resolve(HERE, '../../www');
// Test pages (each embed method on its own page) are served under /pages/ beside the site.
const PAGES = path.join(HERE, 'pages');
// The strictest policy a newsroom might set: no inline script or style, wasm allowed.
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm', '.json': 'application/json', '.geojson': 'application/geo+json',
  '.png': 'image/png',
};

/** Serves www/ (or `site`), and the test pages under /pages/ (a page named `*.strict.html`
 *  is sent with the strict content security policy), on a free loopback port. Every path
 *  asked for is kept in `requested`, for tests of what loads when. */
export async function serve(site = WWW) {
  const requested = [];
  // `/stream/N.geojson`: N MiB of JSON whitespace sent in 64 KiB chunks, 10 ms apart, with no
  // Content-Length (as a server compressing on the fly sends it); `streamed[path]` counts the
  // bytes sent until the client stopped reading.
  const streamed = {};
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    requested.push(url.pathname);
    if (url.pathname === '/favicon.ico') { res.writeHead(204).end(); return; }
    const stream = /^\/stream\/(\d+)\.geojson$/.exec(url.pathname);
    if (stream) {
      const total = Number(stream[1]) * 2 ** 20, chunk = Buffer.alloc(2 ** 16, 0x20);
      streamed[url.pathname] = 0;
      res.writeHead(200, { 'content-type': 'application/geo+json', 'cache-control': 'no-store' });
      let closed = false;
      res.on('close', () => { closed = true; });
      while (!closed && streamed[url.pathname] < total) {
        res.write(chunk);
        streamed[url.pathname] += chunk.length;
        await new Promise((r) => setTimeout(r, 10));
      }
      res.end();
      return;
    }
    const [root, rest] = url.pathname.startsWith('/pages/') ? [PAGES, url.pathname.slice(6)] : [site, url.pathname];
    let file = path.normalize(path.join(root, decodeURIComponent(rest)));
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    if (url.pathname.endsWith('/')) file = path.join(file, 'index.html');
    try {
      const body = await readFile(file);
      const headers = { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'content-length': body.length };
      if (file.endsWith('.strict.html')) headers['content-security-policy'] = STRICT_CSP;
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, requested, streamed, close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }) };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--no-first-run'],
  });
}

/** Opens the demo page at a width and waits until the map is ready; `init` runs before the page's scripts. */
export async function openDemo(browser, baseUrl, { width = 720, height = 1000, dpr = 1, query = '', touch = false, init = null } = {}) {
  const page = await browser.newPage({
    viewport: { width, height }, deviceScaleFactor: dpr, hasTouch: touch, isMobile: touch,
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  if (init) await page.addInitScript(init);
  await page.goto(baseUrl + query);
  await page.waitForFunction(() => customElements.get('jingjinji-map'));
  await page.evaluate(() => document.querySelector('jingjinji-map').ready);
  // Wait for the first animation frame after layout.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return { page, errors };
}

/** What a page holds after garbage collection: DOM nodes, JS heap bytes and wasm memory bytes.
 *  The fewest nodes and least heap over three collections: a tree removed a moment ago may
 *  outlive one collection without being leaked. */
export async function memoryAfterCollection(page) {
  const cdp = await page.context().newCDPSession(page);
  const seen = [];
  for (let k = 0; k < 3; k += 1) {
    await cdp.send('HeapProfiler.collectGarbage');
    await page.waitForTimeout(100);
    const { nodes } = await cdp.send('Memory.getDOMCounters');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    seen.push([nodes, usedSize]);
  }
  await cdp.detach();
  const wasm = await page.evaluate(async () => (await import('/jingjinji-map.js')).wasmMemoryBytes());
  return { nodes: Math.min(...seen.map((x) => x[0])), heap: Math.min(...seen.map((x) => x[1])), wasm };
}
