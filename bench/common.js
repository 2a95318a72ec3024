// Shared by the benchmark pages: marks the first drawn map, records the main-thread work of
// each frame and long tasks, and times hit-tests in batches (the clock is too coarse for one
// call). Loaded before any library, so every page's animation-frame callbacks and input
// handlers are timed the same way: a frame's work is what its callbacks and the input
// handlers since the previous frame took. (Frame *intervals* would only show the 60 Hz
// clock of a headless browser.)
const nativeRaf = window.requestAnimationFrame.bind(window);
let work = 0;
const timed = (fn, self, args) => {
  const t0 = performance.now();
  try { return fn.apply(self, args); } finally { work += performance.now() - t0; }
};
// Chromium records canvas calls and rasterises them later; reading one pixel back inside the
// timed callback makes the frame's drawing count where it happens, on every page alike.
const flush = () => {
  const c = window.bench && window.bench.surface && window.bench.surface();
  if (c) c.getContext('2d').getImageData(0, 0, 1, 1);
};
window.requestAnimationFrame = (cb) => nativeRaf((t) => timed(() => { cb(t); flush(); }, null, []));
const INPUT = new Set(['wheel', 'pointerdown', 'pointermove', 'pointerup', 'mousedown', 'mousemove', 'mouseup', 'click', 'keydown', 'keyup', 'touchstart', 'touchmove', 'touchend']);
const wrappers = new WeakMap();
const nativeAdd = EventTarget.prototype.addEventListener;
const nativeRemove = EventTarget.prototype.removeEventListener;
EventTarget.prototype.addEventListener = function add(type, listener, options) {
  if (!INPUT.has(type) || typeof listener !== 'function') return nativeAdd.call(this, type, listener, options);
  if (!wrappers.has(listener)) wrappers.set(listener, function wrapped(...args) { return timed(listener, this, args); });
  return nativeAdd.call(this, type, wrappers.get(listener), options);
};
EventTarget.prototype.removeEventListener = function remove(type, listener, options) {
  return nativeRemove.call(this, type, wrappers.get(listener) || listener, options);
};
window.bench = {
  stress: new URLSearchParams(location.search).get('data') === 'stress',
  /** A 3,000-area choropleth of build/choropleth/ (its rate column, ckmeans, 5 classes). */
  choropleth: new URLSearchParams(location.search).get('data') === 'choropleth',
  ready: false,
  longTasks: 0,
  frames: [],
  /** The canvas the page draws on (Leaflet puts its own inside the map's box). */
  surface() {
    if (!this.canvas) return null;
    return this.canvas instanceof HTMLCanvasElement ? this.canvas : this.canvas.querySelector('canvas');
  },
  /** Asking for another column of figures: the work the call itself does (classing it, and
   *  for us the key and the table), and the time to the end of the frame that shows it (the
   *  canvas's raster of every area included), ms. `reclass` is the page's: ours sets the
   *  `value` attribute, the d3 page re-breaks and asks for a redraw. */
  async reclassTime(column) {
    const t0 = performance.now();
    this.reclass(column);
    const work = performance.now() - t0;
    await new Promise((r) => nativeRaf(() => { flush(); r(); }));
    return { work, frame: performance.now() - t0 };
  },
  drawn(api) {
    requestAnimationFrame(() => {
      performance.mark('map-drawn');
      const firstMap = performance.now();
      // A page without a static picture shows the map first when it draws it.
      this.firstPicture ??= firstMap;
      Object.assign(this, api, { ready: true, firstMap });
      // What bench/run.mjs waits for: it never polls the page while it loads.
      console.debug('bench:ready');
    });
  },
  /** The page's static picture of the map is in the page (parsed, or an image decoded): it
   *  shows in the next frame. */
  pictured() {
    requestAnimationFrame(() => {
      performance.mark('map-pictured');
      this.firstPicture ??= performance.now();
    });
  },
  startFrames() {
    this.frames = [];
    this.longTasks = 0;
    this.recording = true;
    // The untimed clock callback runs first in each frame (it was registered first), so
    // `work` then holds exactly the previous frame's callbacks and the input since.
    const tick = () => {
      if (!this.recording) return;
      if (work > 0) this.frames.push(work);
      work = 0;
      nativeRaf(tick);
    };
    nativeRaf(() => { work = 0; nativeRaf(tick); });
  },
  /** Stops recording after two more frames, so that the last frame's work is counted. */
  stopFrames() {
    return new Promise((resolve) => nativeRaf(() => nativeRaf(() => {
      this.recording = false;
      resolve({ frames: this.frames, longTasks: this.longTasks });
    })));
  },
  /** Per-call hit-test times (ms) over up to `n` seeded random points, in batches of up to
   *  `batch` calls (fewer when one call is slow), stopping after `maxMs`: a slow peer on the
   *  stress data takes ~50 ms a call, and 10,000 of those would take the whole run. Each
   *  batch's per-call time, and how many calls it timed (`sizes`). */
  hitTimes(n = 10000, batch = 100, maxMs = 8000) {
    const r = this.canvas.getBoundingClientRect();
    let seed = 42;
    const rand = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
    const pts = Array.from({ length: n }, () => [rand() * r.width, rand() * r.height]);
    const times = [];
    const sizes = [];
    let hits = 0;
    const start = performance.now();
    let size = 1;
    for (let k = 0; k < n && performance.now() - start < maxMs; k += size) {
      const t0 = performance.now();
      const end = Math.min(n, k + size);
      for (let j = k; j < end; j += 1) if (this.hit(pts[j][0], pts[j][1])) hits += 1;
      const per = (performance.now() - t0) / (end - k);
      times.push(per);
      sizes.push(end - k);
      // About a millisecond per batch: the clock's resolution (0.1 ms) is then 10 % at worst.
      size = Math.max(1, Math.min(batch, Math.round(1 / Math.max(per, 0.001))));
    }
    return { times, sizes, hits };
  },
  heap() { return performance.memory ? performance.memory.usedJSHeapSize : null; },
};
new PerformanceObserver((list) => { window.bench.longTasks += list.getEntries().length; })
  .observe({ type: 'longtask', buffered: false });
