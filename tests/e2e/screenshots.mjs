// Regenerates docs/screenshot-720.png (a desktop column, Xiong'an selected) and
// docs/screenshot-375.png (a phone, zoomed in on the Tianjin parks after choosing Wuqing
// from the list of places): the demo page scrolled to the map.
import { serve, launch, openDemo } from './harness.mjs';

const server = await serve();
const browser = await launch();
try {
  for (const [width, height, how, id] of [[720, 860, 'api', 'xiongan'], [375, 760, 'list', 'park-wuqing']]) {
    const { page } = await openDemo(browser, server.url, { width, height, dpr: 2 });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.evaluate(([way, place]) => {
      const el = document.querySelector('jingjinji-map');
      if (way === 'list') el.shadowRoot.querySelector(`.jjm-place[data-id="${place}"]`).click();
      else el.select(place);
      window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 12);
    }, [how, id]);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.screenshot({ path: `docs/screenshot-${width}.png` });
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
