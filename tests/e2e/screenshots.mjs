// Regenerates docs/screenshot-720.png and docs/screenshot-375.png from the demo page.
import { serve, launch, openDemo } from './harness.mjs';

const server = await serve();
const browser = await launch();
try {
  for (const [width, select] of [[720, 'xiongan'], [375, null]]) {
    const { page } = await openDemo(browser, server.url, { width, height: 900, dpr: 2 });
    const el = page.locator('jingjinji-map');
    if (select) await page.evaluate((id) => document.querySelector('jingjinji-map').select(id), select);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await el.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `docs/screenshot-${width}.png`, fullPage: true });
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
