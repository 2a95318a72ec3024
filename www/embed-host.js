// For a page that frames the map (www/embed.html): sizes each such iframe to the height
// its page reports, so it needs no fixed height and shows no scrollbar. Include it once:
//   <script src="https://your.site/jingjinji-map/embed-host.js" defer></script>
// A message counts only if it has the documented shape, comes from one of this page's
// iframes, and from the origin that iframe was given in its `src`.
(() => {
  const MAX = 20000; // CSS px: anything taller is not a map
  addEventListener('message', (event) => {
    const data = event.data;
    if (!data || data.type !== 'jingjinji-map:height') return;
    const height = data.height;
    if (typeof height !== 'number' || !(height > 0 && height <= MAX)) return;
    for (const frame of document.getElementsByTagName('iframe')) {
      if (frame.contentWindow !== event.source) continue;
      if (new URL(frame.src, location.href).origin !== event.origin) return;
      frame.style.height = `${Math.ceil(height)}px`;
      return;
    }
  });
})();
