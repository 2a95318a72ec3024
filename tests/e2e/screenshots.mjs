// Regenerates docs/screenshot-720.png and docs/screenshot-375.png: the demo page scrolled
// to the map, as a reader on a desktop column and on a phone sees it.
import { serve, launch, openDemo } from './harness.mjs';

const server = await serve();
const browser = await launch();
try {
  for (const [width, height, select] of [[720, 860, 'xiongan'], [375, 760, 'sanhe-dachang-xianghe']]) {
    const { page } = await openDemo(browser, server.url, { width, height, dpr: 2 });
    await page.evaluate((id) => {
      const el = document.querySelector('jingjinji-map');
      el.select(id);
      window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 12);
    }, select);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.screenshot({ path: `docs/screenshot-${width}.png` });
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
