// Shared by the benchmark pages: marks the first drawn map, records frame intervals and
// long tasks, and times hit-tests in batches (the clock is too coarse for one call).
window.bench = {
  stress: new URLSearchParams(location.search).get('data') === 'stress',
  ready: false,
  longTasks: 0,
  frames: [],
  drawn(api) {
    requestAnimationFrame(() => {
      performance.mark('map-drawn');
      Object.assign(this, api, { ready: true, firstMap: performance.now() });
    });
  },
  startFrames() {
    this.frames = [];
    this.longTasks = 0;
    this.recording = true;
    let last = performance.now();
    const tick = (t) => {
      if (!this.recording) return;
      this.frames.push(t - last);
      last = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame((t) => { last = t; requestAnimationFrame(tick); });
  },
  stopFrames() { this.recording = false; return { frames: this.frames, longTasks: this.longTasks }; },
  /** Per-call hit-test times (ms) over `n` seeded random points, in batches of `batch`. */
  hitTimes(n = 10000, batch = 100) {
    const r = this.canvas.getBoundingClientRect();
    let seed = 42;
    const rand = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
    const pts = Array.from({ length: n }, () => [rand() * r.width, rand() * r.height]);
    const times = [];
    let hits = 0;
    for (let k = 0; k < n; k += batch) {
      const t0 = performance.now();
      for (let j = k; j < k + batch; j += 1) if (this.hit(pts[j][0], pts[j][1])) hits += 1;
      times.push((performance.now() - t0) / batch);
    }
    return { times, hits };
  },
  heap() { return performance.memory ? performance.memory.usedJSHeapSize : null; },
};
new PerformanceObserver((list) => { window.bench.longTasks += list.getEntries().length; })
  .observe({ type: 'longtask', buffered: false });
