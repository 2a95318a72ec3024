// The framed map's page (embed.html): takes the map's settings from its own URL, and posts
// its height to the page around it whenever it changes, so the host can size the iframe
// to fit (embed-host.js does that). The message: { type: 'jingjinji-map:height', height }
// with the height in CSS pixels, a whole number.
const map = document.querySelector('jingjinji-map');
const query = new URLSearchParams(location.search);
for (const name of ['region', 'lang', 'theme', 'height']) {
  const value = query.get(name);
  if (value) map.setAttribute(name, value);
}
if (map.lang === 'zh') map.querySelector('img').src = 'jingjinji-map.zh.svg';
document.documentElement.className = map.theme || 'light'; // the page's background (embed.css)

let sent = 0;
const report = () => {
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (height === sent || window.parent === window) return;
  sent = height;
  // Any origin may read it: a height is no secret, and the host checks where it came from.
  window.parent.postMessage({ type: 'jingjinji-map:height', height }, '*');
};
new ResizeObserver(report).observe(document.documentElement);
