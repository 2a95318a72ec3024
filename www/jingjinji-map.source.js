// <jingjinji-map>: the custom element, a thin shell around the wasm `Widget` class
// (src/web/widget.rs). `make site` bundles this file, its stylesheet and wasm-bindgen's
// generated glue into www/jingjinji-map.js (scripts/build-element.mjs), the one script a page
// loads, beside jingjinji-map.wasm.
//
// Rust makes every decision and paints the canvas: what is selected, what a key or a drag
// does, what the panel says, what the canvas shows. This module builds the DOM, turns events
// into `Widget` messages and writes the words that come back.

import styleText from './jingjinji-map.source.css';
import init, { Widget } from '../build/pkg/jingjinji_map.js';

/** How long a gesture hint stays, ms. */
const HINT_MS = 1800;
/** How far (CSS px) one finger must move before the map says how to pan it. */
const TOUCH_HINT_PX = 10;
/** How long after the last wheel step, drag or pinch move the map is drawn afresh, ms. */
const SETTLE_MS = 120;

let sheet = null;

/** Styles a shadow root with the element's stylesheet, parsed once per page and shared by
 *  every map. A constructed sheet is not an inline style, so a strict Content-Security-Policy
 *  needs no exception for it; a browser without them gets a <style> element. */
function style(root) {
  if ('adoptedStyleSheets' in Document.prototype) {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(styleText);
    }
    root.adoptedStyleSheets = [sheet];
  } else {
    root.append(Object.assign(document.createElement('style'), { textContent: styleText }));
  }
}

let wasmReady = null;
let wasmExports = null;

/** Loads the wasm module once per page, however many maps there are (wasm-bindgen's `init`
 *  compiles it as it streams in). */
function loadWasm() {
  wasmReady ??= init({ module_or_path: new URL('./jingjinji-map.wasm', import.meta.url) }).then((exports) => {
    wasmExports = exports;
  });
  return wasmReady;
}

/** The wasm module's memory in bytes, or null before it is loaded (for diagnostics and
 *  `make bench`). */
export const wasmMemoryBytes = () => wasmExports?.memory.buffer.byteLength ?? null;

/** A data file's bytes: Rust reads them as UTF-8 (and says so if they are not). */
async function fetchBytes(url, what) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`could not load the ${what} (${url}): HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** A new element with a class (if any), appended to `parent` (if any). */
function make(tag, className, parent) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (parent) parent.append(node);
  return node;
}

/** The id in a URL hash of the form `#region=<id>` (other `&`-separated pairs are ignored). */
function regionInHash(hash) {
  const pair = hash.replace(/^#+/, '').split('&').find((p) => p.startsWith('region='));
  return pair && pair.length > 7 ? pair.slice(7) : null;
}

/** Whether the reader asked for less motion (view changes are then instant). */
const stillMotion = () => matchMedia('(prefers-reduced-motion: reduce)').matches;

/** The themes a page may ask for; `auto` follows the reader's light or dark preference. */
const THEMES = ['light', 'dark', 'auto'];


/** One map on the page: its DOM and listeners around a `Widget`, which paints the canvas. */
class MapView {
  // Private state (#names: the minifier shortens them, and nothing outside can reach them).
  #canvas; #core; #credit; #download; #darkQuery; #dpr; #dprChanged; #dprWatch; #dragId;
  #forcedQuery; #frame; #gesture; #gestureHint; #hash; #hintTimer; #host; #keys;
  #legend; #listeners; #live; #observer; #panel; #picture; #pinching; #places;
  #placesHeading; #placesList; #reset; #settleTimer; #sizedFor;
  #suppressClick; #themeChoice; #tooltip; #touchStart; #words; #zoomIn; #zoomOut;

  /** Builds the map's DOM at once, before its code and data arrive: the box keeps its size
   *  (no layout jump) and the page lays it out while the bytes download. `attach` brings
   *  it to life. */
  constructor(host, root, { hash, theme }) {
    this.#host = host;
    this.#core = null;
    this.#hash = hash;
    this.#listeners = [];
    this.#themeChoice = 'light';
    this.frameHandle = 0;
    this.#hintTimer = 0;
    this.#dpr = window.devicePixelRatio || 1;
    this.#dprChanged = false;
    this.#dprWatch = null;
    this.#suppressClick = false;
    this.#dragId = null;
    this.#pinching = false;
    this.#touchStart = null;
    // While a gesture moves the map, frames move the last full frame's picture instead of
    // drawing everything (the painter does it: `Widget.draw`); a full frame follows once the
    // gesture settles.
    this.#gesture = false;
    this.#settleTimer = 0;
    this.#build(root);
    this.#frame.setAttribute('aria-busy', 'true');
    this.#watchTheme();
    this.#setTheme(theme);
  }

  /** The canvas the map paints on (the `Widget` is made with it). */
  get canvas() { return this.#canvas; }

  /** Follows the reader's colour preferences while the theme is `auto`, and their forced
   *  (high-contrast) colours always. */
  #watchTheme() {
    this.#darkQuery = matchMedia('(prefers-color-scheme: dark)');
    this.#forcedQuery = matchMedia('(forced-colors: active)');
    const changed = this.#safe(() => {
      this.#applyTheme();
      if (this.#core) this.after();
    });
    for (const query of [this.#darkQuery, this.#forcedQuery]) {
      query.addEventListener('change', changed);
      this.#listeners.push(() => query.removeEventListener('change', changed));
    }
  }

  /** The page's theme (`light`, `dark` or `auto`; none is light). */
  #setTheme(choice) {
    if (choice && !THEMES.includes(choice)) {
      console.warn(`jingjinji-map: no theme is called "${choice}"; use light, dark or auto`);
    }
    this.#themeChoice = THEMES.includes(choice) ? choice : 'light';
    this.#applyTheme();
  }

  /** Resolves the theme for this reader now and gives it to the DOM and the map. */
  #applyTheme() {
    const dark = this.#themeChoice === 'dark' || (this.#themeChoice === 'auto' && this.#darkQuery.matches);
    const theme = this.#forcedQuery.matches ? 'contrast' : dark ? 'dark' : 'light';
    this.#frame.dataset.theme = theme;
    if (this.#core) {
      this.#core.setTheme(theme);
      // Only the key's swatches change with the theme: the list and panel keep their nodes,
      // and a reader's focus in them.
      this.#words = this.#core.words();
      this.#writeKey();
    }
  }

  /** Draws the map from a loaded core and starts listening to the reader. */
  attach(core) {
    this.#core = core;
    // The theme was resolved when the box was built, and kept current since.
    core.setTheme(this.#frame.dataset.theme);
    this.#frame.removeAttribute('aria-busy');
    this.#picture.remove();
    this.#listen();
    // Words, list and panel first, then the one measurement: the page is laid out once for
    // the first frame, not again for text written after it.
    core.takeChanges();
    this.#writeWords();
    this.#resize();
    this.#watchDpr();
    this.#applyHash();
    this.after();
  }

  #build(root) {
    this.#frame = make('div', 'jjm-frame');
    const column = make('div', 'jjm-column', this.#frame);
    const figure = make('figure', 'jjm-map', column);
    const stage = make('div', 'jjm-stage', figure);
    const canvas = make('canvas', '', stage);
    // Until the map is drawn, the page's static picture of it (if it gave one) shows here.
    this.#picture = make('slot', 'jjm-picture', stage);
    this.#picture.name = 'picture';
    canvas.tabIndex = 0;
    canvas.setAttribute('role', 'application');
    canvas.setAttribute('aria-describedby', 'jjm-keys');
    const controls = make('div', 'jjm-zoom', stage);
    const button = (className, face, parent) => {
      const b = make('button', className, parent);
      b.type = 'button';
      b.textContent = face;
      return b;
    };
    this.#zoomIn = button('jjm-zoom-in', '+', controls);
    this.#zoomOut = button('jjm-zoom-out', '−', controls);
    this.#reset = button('jjm-reset', '⤢', controls);
    this.#tooltip = make('div', 'jjm-tooltip', stage);
    this.#gestureHint = make('div', 'jjm-gesture-hint', stage);
    for (const quiet of [this.#tooltip, this.#gestureHint]) {
      quiet.setAttribute('aria-hidden', 'true');
      quiet.hidden = true;
    }
    // The key to the symbols: text in the page, so it never covers the map.
    this.#legend = make('ul', 'jjm-legend', figure);
    this.#credit = make('figcaption', 'jjm-attribution', figure);
    this.#download = make('button', 'jjm-download', figure);
    this.#download.type = 'button';
    this.#places = make('nav', 'jjm-places', column);
    this.#placesHeading = make('p', 'jjm-places-heading', this.#places);
    this.#placesList = make('ul', '', this.#places);
    this.#panel = make('section', 'jjm-panel', this.#frame);
    // A panel that scrolls must be reachable by keyboard to scroll it.
    this.#panel.tabIndex = 0;
    this.#keys = make('p', 'jjm-visually-hidden', this.#frame);
    this.#keys.id = 'jjm-keys';
    this.#live = make('div', 'jjm-visually-hidden jjm-live', this.#frame);
    this.#live.setAttribute('role', 'status');
    this.#live.setAttribute('aria-live', 'polite');
    root.append(this.#frame);
    this.#canvas = canvas;
  }

  /** Adds a listener that this map removes in `destroy()`; the map's state updates after it. */
  #on(target, type, handler, cancelling = false) {
    const call = this.#safe((e) => { handler(e); this.after(); });
    const options = cancelling ? { passive: false } : undefined;
    target.addEventListener(type, call, options);
    this.#listeners.push(() => target.removeEventListener(type, call, options));
  }

  #listen() {
    const core = this.#core, canvas = this.#canvas;
    const at = (e) => {
      const r = canvas.getBoundingClientRect();
      return [e.clientX - r.left, e.clientY - r.top];
    };
    this.#on(canvas, 'click', (e) => {
      if (this.#suppressClick) { this.#suppressClick = false; return; } // the end of a drag or pinch
      this.select(core.featureAt(...at(e)) ?? null, 'pointer');
    });
    this.#on(canvas, 'pointerdown', (e) => {
      if (e.pointerType === 'touch' || e.button !== 0) return; // fingers: see the touch handlers
      this.#suppressClick = false;
      this.#dragId = e.pointerId;
      core.dragStart(e.pointerId, ...at(e));
      try { canvas.setPointerCapture(e.pointerId); } catch { /* the pointer already left */ }
    });
    this.#on(canvas, 'pointermove', (e) => {
      if (this.#dragId !== null) {
        if (e.pointerId === this.#dragId && core.dragMove(e.pointerId, ...at(e))) {
          canvas.style.cursor = 'grabbing';
          this.#tooltip.hidden = true;
          this.#moving();
        }
        return;
      }
      if (e.pointerType !== 'touch') this.#hover(...at(e));
    });
    const end = (e) => {
      if (e.pointerId !== this.#dragId) return;
      this.#dragId = null;
      // The click that follows a drag's release must not select.
      this.#suppressClick = core.dragEnd(e.pointerId);
      canvas.style.cursor = '';
    };
    this.#on(canvas, 'pointerup', end);
    this.#on(canvas, 'pointercancel', end);
    this.#on(canvas, 'pointerleave', () => { if (this.#dragId === null) this.#hover(); });
    this.#on(canvas, 'dblclick', (e) => core.zoomBy(2, ...at(e), stillMotion()));
    this.#on(canvas, 'wheel', (e) => {
      if (!(e.ctrlKey || e.metaKey)) {
        // No scroll trap: the page scrolls; say how to zoom instead.
        const w = this.#words;
        this.#hint(navigator.userAgent.includes('Mac') ? w.wheelHintMac : w.wheelHint);
        return;
      }
      e.preventDefault();
      const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1;
      core.wheel(e.deltaY * unit, ...at(e));
      this.#moving();
    }, true);
    const touches = (e) => [...e.touches].slice(0, 2).map(at);
    this.#on(canvas, 'touchstart', (e) => {
      const t = touches(e);
      if (t.length === 2) {
        this.#pinching = core.pinchStart(...t[0], ...t[1]);
        this.#touchStart = null;
      } else if (t.length === 1) {
        this.#touchStart = t[0];
      }
    });
    this.#on(canvas, 'touchmove', (e) => {
      const t = touches(e);
      if (t.length === 2 && this.#pinching) {
        // Two fingers are the map's: it pans and zooms, the page stays.
        e.preventDefault();
        core.pinchMove(...t[0], ...t[1]);
        this.#suppressClick = true;
        this.#moving();
      } else if (t.length === 1 && !this.#pinching && this.#touchStart) {
        // One finger scrolls the page; say how to move the map.
        const [x, y] = t[0];
        if (Math.hypot(x - this.#touchStart[0], y - this.#touchStart[1]) > TOUCH_HINT_PX) {
          this.#touchStart = null;
          this.#hint(this.#words.touchHint);
        }
      }
    }, true);
    this.#on(canvas, 'touchend', (e) => {
      if (e.touches.length < 2) { core.pinchEnd(); this.#pinching = false; }
    });
    this.#on(canvas, 'touchcancel', () => {
      core.pinchEnd();
      this.#pinching = false;
      this.#touchStart = null;
    });
    this.#on(canvas, 'keydown', (e) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      // Keys the map uses (arrows, space…) must not also scroll the page.
      if (core.key(e.key, stillMotion())) e.preventDefault();
    }, true);
    // The ring shows where the keyboard is; off the map there is none.
    this.#on(canvas, 'blur', () => core.blur());
    this.#on(this.#zoomIn, 'click', () => core.zoomBy(2, null, null, stillMotion()));
    this.#on(this.#zoomOut, 'click', () => core.zoomBy(0.5, null, null, stillMotion()));
    this.#on(this.#reset, 'click', () => core.home(stillMotion()));
    this.#on(this.#download, 'click', () => this.#save());
    this.#on(this.#places, 'click', (e) => {
      const b = e.target instanceof Element ? e.target.closest('button[data-id]') : null;
      if (b) this.select(b.dataset.id, 'list');
    });
    this.#on(window, 'hashchange', () => this.#applyHash());
    this.#observer = new ResizeObserver(this.#safe(() => { this.#resize(); this.after(); }));
    this.#observer.observe(canvas);
  }

  /** A gesture moved the map: draw quickly until it settles, then in full. */
  #moving() {
    this.#gesture = true;
    clearTimeout(this.#settleTimer);
    this.#settleTimer = setTimeout(this.#safe(() => {
      this.#gesture = false;
      this.#requestDraw();
    }), SETTLE_MS);
  }

  /** Selects `id` (or the overview with null) from `origin`; unknown ids throw. */
  select(id, origin) {
    this.#core.select(id, origin, stillMotion());
  }

  /** Records the place under the pointer (none: it left) and names it beside the pointer. */
  #hover(x, y) {
    if (x === undefined) this.#core.leave();
    else this.#core.hover(x, y);
    const name = x === undefined ? null : this.#core.hoveredName();
    const tip = this.#tooltip;
    if (name) {
      tip.textContent = name;
      // Beside the pointer, on the side with more room.
      const right = x > this.#canvas.getBoundingClientRect().width * 0.6;
      tip.style.left = `${right ? x - 12 : x + 14}px`;
      tip.style.top = `${y + 14}px`;
      tip.style.transform = right ? 'translate(-100%, 0)' : 'none';
      tip.hidden = false;
    } else {
      tip.hidden = true;
    }
  }

  /** Shows a short hint over the map for a moment. */
  #hint(text) {
    this.#gestureHint.textContent = text;
    this.#gestureHint.hidden = false;
    clearTimeout(this.#hintTimer);
    this.#hintTimer = setTimeout(() => { this.#gestureHint.hidden = true; }, HINT_MS);
  }

  /** Acts on what the map says changed: words, panel, URL, `select` event, announcement, frame. */
  after() {
    const core = this.#core;
    const changes = core.takeChanges();
    if (changes.words) this.#writeWords();
    else if (changes.selection) this.#writePanel();
    if (changes.selection) {
      const id = core.selected() ?? null;
      this.#updateHash(id);
      this.#host.dispatchEvent(new CustomEvent('select', { detail: { id }, bubbles: true, composed: true }));
    }
    if (changes.announce) {
      const text = core.takeAnnouncement();
      if (text) this.#live.textContent = text;
    }
    if (changes.hover && this.#dragId === null) {
      this.#canvas.style.cursor = core.hoveredName() ? 'pointer' : '';
    }
    if (changes.draw) this.#requestDraw();
  }

  /** Everything that depends on the language: interface words, places, credit, panel. */
  #writeWords() {
    const w = this.#core.words();
    this.#words = w;
    this.#canvas.setAttribute('aria-label', w.title);
    this.#canvas.setAttribute('aria-roledescription', w.role);
    this.#keys.textContent = w.keysHelp;
    for (const [b, words] of [[this.#zoomIn, w.zoomIn], [this.#zoomOut, w.zoomOut], [this.#reset, w.reset]]) {
      b.setAttribute('aria-label', words);
      b.title = words;
    }
    this.#places.setAttribute('aria-label', w.placesHeading);
    this.#placesHeading.textContent = w.placesHeading;
    this.#panel.setAttribute('aria-label', w.details);
    this.#credit.textContent = w.credit;
    this.#download.textContent = w.download;
    this.#writeKey();
    // The button shows the map's short label (a phone has little room); its title gives the
    // full name, which the panel and the announcement also say.
    this.#placesList.replaceChildren();
    for (const { id, label, name } of this.#core.places()) {
      const b = make('button', 'jjm-place', make('li', '', this.#placesList));
      b.type = 'button';
      b.dataset.id = id;
      b.textContent = label;
      if (name !== label) b.title = name;
    }
    this.#writePanel();
  }

  /** The key under the map, in the theme's colours. */
  #writeKey() {
    this.#legend.replaceChildren();
    for (const { text, fill, stroke, radius, square } of this.#words.key) {
      const item = make('li', '', this.#legend);
      const swatch = make('span', 'jjm-swatch', item);
      swatch.setAttribute('aria-hidden', 'true');
      const size = `${2 * Math.min(radius, 7)}px`;
      Object.assign(swatch.style, { width: size, height: size, background: fill, borderColor: stroke });
      if (square) swatch.style.borderRadius = '1px';
      item.append(text);
    }
  }

  /** The panel for the current selection (as text nodes only), and the list's pressed button. */
  #writePanel() {
    const { id, kicker, title, note, summary, sections, source, hint } = this.#core.panel();
    const p = this.#panel;
    p.replaceChildren();
    p.dataset.place = id ?? '';
    const add = (tag, className, text, parent = p) => {
      const node = make(tag, className, parent);
      if (text) node.textContent = text;
      return node;
    };
    if (kicker) add('p', 'jjm-kicker', kicker);
    add('h2', 'jjm-title', title);
    if (note) add('p', 'jjm-note', note);
    if (summary) add('p', 'jjm-summary', summary);
    for (const { heading, ordered, entries } of sections) {
      add('h3', 'jjm-section', heading);
      const list = add(ordered ? 'ol' : 'ul', '', '');
      for (const { date, text } of entries) {
        const li = add('li', '', '', list);
        if (date) li.append(add('span', 'jjm-date', date, li), ' ');
        li.append(text);
      }
    }
    if (source) add('p', 'jjm-source', source);
    add('p', 'jjm-hint', hint);
    for (const b of this.#placesList.querySelectorAll('button')) {
      b.setAttribute('aria-pressed', String(b.dataset.id === id));
    }
  }

  /** The URL's hash follows the selection (when enabled), without adding history entries. */
  #updateHash(id) {
    if (!this.#hash) return;
    if (id) history.replaceState(null, '', `#region=${id}`);
    else if (regionInHash(location.hash)) history.replaceState(null, '', location.pathname + location.search);
  }

  /** Selects the place the URL's `#region=` names; an unknown id is only a warning. */
  #applyHash() {
    const id = this.#hash && regionInHash(location.hash);
    if (id) this.pick(id, 'link');
  }

  /** Selects the place a link or the page names (the overview for none); an unknown id is
   *  only a warning, as a typo in an article must not break its map. */
  pick(id, origin) {
    if (!id || this.#core.isPlace(id)) this.select(id || null, origin);
    else console.warn(`jingjinji-map: there is no place "${id}" on this map; showing the overview`);
    this.after();
  }

  /** Turns following the URL's hash on or off (the `hash` attribute). */
  setHash(on) { this.#hash = on; }

  /** The map's height (the `height` attribute): CSS pixels as a bare number, or any CSS
   *  length; none keeps the map's own 4:5 shape. */
  setHeight(value) {
    const h = /^\d+(\.\d+)?$/.test(value ?? '') ? `${value}px` : value || '';
    Object.assign(this.#canvas.style, { height: h, aspectRatio: h && 'auto', maxHeight: h && 'none' });
  }

  /** Fits the map to the canvas's CSS size and the screen's pixel ratio, and paints. */
  #resize() {
    const r = this.#canvas.getBoundingClientRect();
    this.#dpr = window.devicePixelRatio || 1;
    // The observer also reports the size the map was first drawn at: nothing to redo.
    const key = `${r.width} ${r.height} ${this.#dpr}`;
    if (key === this.#sizedFor) return;
    this.#gesture = false; // a new size needs a full frame
    if (!this.#core.resize(r.width, r.height, this.#dpr)) return; // not laid out yet
    this.#sizedFor = key;
    this.draw();
  }

  /** Listens for the pixel ratio leaving the value the canvas was sized for (the window moved
   *  to a screen of another density, or the page zoomed). A narrow range rather than an exact
   *  value: a ratio such as 1.100000023841858 must match itself however it is written. */
  #watchDpr() {
    this.#dprWatch?.();
    const list = matchMedia(`(min-resolution: ${+(this.#dpr - 0.001).toFixed(4)}dppx) and (max-resolution: ${+(this.#dpr + 0.001).toFixed(4)}dppx)`);
    const changed = () => { this.#dprChanged = true; this.#requestDraw(); };
    list.addEventListener('change', changed);
    this.#dprWatch = () => list.removeEventListener('change', changed);
  }

  /** A frame on the next animation frame: at most one in flight. */
  #requestDraw() {
    if (this.frameHandle) return;
    this.frameHandle = requestAnimationFrame(this.#safe(() => {
      this.frameHandle = 0;
      if (this.#dprChanged) {
        this.#dprChanged = false;
        this.#resize();
        this.#watchDpr();
      } else {
        this.draw();
      }
      this.after();
    }));
  }

  /** `fn`, made safe for the page: should the map's code fail (a panic in Rust traps, as a
   *  `RuntimeError`), the map shows its error state and fires `error` rather than leaving a
   *  dead canvas and an uncaught exception in the page's event loop. Other errors are
   *  thrown on: the map can go on after them. */
  #safe(fn) {
    return (...args) => {
      try {
        fn(...args);
      } catch (err) {
        if (!(err instanceof WebAssembly.RuntimeError)) throw err;
        this.#host._fail(err);
      }
    };
  }

  /** Advances an easing view change and paints (mid-gesture, moves the last full frame). */
  draw() {
    // While a view change eases, each frame asks for the next.
    if (this.#core.draw(performance.now(), this.#gesture)) this.#requestDraw();
  }

  /** The current view as a PNG at twice its CSS size, with the map's title above it and
   *  the key and credit under it drawn in, for a reader to keep or share. */
  toBlob() {
    let map;
    try { map = this.#core.picture(2); } catch (err) { return Promise.reject(err); }
    const w = this.#words, width = map.width / 2, height = map.height / 2, pad = 12;
    const look = getComputedStyle(this.#frame);
    const { color, fontFamily } = look;
    const out = document.createElement('canvas');
    const ctx = out.getContext('2d');
    // Lines of `text` that fit the width, in `font`: [font, line height, lines].
    const block = (font, lineHeight, text) => {
      ctx.font = `${font} ${fontFamily}`;
      const lines = [''];
      for (const word of text.split(/(?<=[\s\u3000-\u9fff\uff00-\uffef])/)) {
        const line = lines[lines.length - 1] + word;
        if (ctx.measureText(line).width > width - 2 * pad && lines[lines.length - 1]) lines.push(word);
        else lines[lines.length - 1] = line;
      }
      return [font, lineHeight, lines];
    };
    const title = block('600 16px', 22, w.title);
    const credit = block('11px', 15, w.credit);
    const mapTop = pad + title[2].length * 22 + 6;
    const keyTop = mapTop + height + 8;
    out.width = width * 2;
    out.height = (keyTop + w.key.length * 20 + credit[2].length * 15 + pad) * 2;
    ctx.scale(2, 2);
    // The page's surface around the map, as the element shows it.
    ctx.fillStyle = look.getPropertyValue('--surface');
    ctx.fillRect(0, 0, width, out.height);
    ctx.drawImage(map, 0, mapTop, width, height);
    ctx.textBaseline = 'top';
    ctx.fillStyle = color;
    let y = pad;
    const write = ([font, lineHeight, lines]) => {
      ctx.font = `${font} ${fontFamily}`;
      for (const line of lines) { ctx.fillText(line, pad, y); y += lineHeight; }
    };
    write(title);
    y = keyTop;
    for (const { text, fill, stroke, radius, square } of w.key) {
      const r = Math.min(radius, 7);
      ctx.beginPath();
      if (square) ctx.rect(pad, y + 8 - r, 2 * r, 2 * r);
      else ctx.arc(pad + r, y + 8, r, 0, 2 * Math.PI);
      ctx.fillStyle = fill;
      ctx.strokeStyle = stroke;
      ctx.fill();
      ctx.stroke();
      ctx.fillStyle = color;
      ctx.font = `13px ${fontFamily}`;
      ctx.fillText(text, pad + 20, y + 1);
      y += 20;
    }
    write(credit);
    return new Promise((resolve, reject) => out.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('this browser could not make a PNG of the map'))), 'image/png'));
  }

  /** Saves the current view as a PNG file (the download button). */
  async #save() {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(await this.toBlob());
    a.download = 'jingjinji-map.png';
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  }

  /** Removes the map's DOM, every listener, observer, timer and frame, and its wasm memory. */
  destroy() {
    for (const remove of this.#listeners) remove();
    this.#listeners = [];
    this.#observer?.disconnect();
    this.#dprWatch?.();
    cancelAnimationFrame(this.frameHandle);
    clearTimeout(this.#hintTimer);
    clearTimeout(this.#settleTimer);
    this.#frame.remove();
    // After a failure the module may refuse even this; the map is gone either way.
    try { this.#core?.free(); } catch {}
    this.#core = null;
  }

  // The element's public API, through which pages and tests reach the map.
  selected() { return this.#core.selected() ?? null; }
  featureAt(x, y) { return this.#core.featureAt(x, y) ?? null; }
  project(lon, lat) {
    const xy = this.#core.project(lon, lat);
    if (!xy) throw new Error(`cannot place (${lon}, ${lat}) on the map: it is not laid out yet, or the position is not finite`);
    return Array.from(xy);
  }
  zoom() { return this.#core.zoom(); }
  regions() {
    return this.#core.places().map(({ id, kind, nameZh, nameEn }) => ({ id, kind, name_zh: nameZh, name_en: nameEn }));
  }
  /** The `lang` attribute changed: a language the map does not have is a warning, and the
   *  map keeps the one it shows, as it does for an unknown theme. */
  setLang(code) {
    try { this.#core.setLang(code); } catch (err) { console.warn(`jingjinji-map: ${err.message}`); }
    this.after();
  }
  /** The theme attribute changed: before the map is ready too, for the box. */
  themeAttribute(choice) { this.#setTheme(choice); if (this.#core) this.after(); }
  renderNow() { this.#sizedFor = null; this.#resize(); }
}

/** The element's attributes; each takes effect when it changes, and has a property. */
const ATTRIBUTES = ['lang', 'theme', 'region', 'features', 'policies', 'height', 'hash', 'loading'];

export class JingjinjiMap extends HTMLElement {
  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    this._widget = null;
    this._newReady();
  }

  /** A fresh `ready` promise. One a page already holds follows it: a map restarted on new
   *  data before it was ready settles with the new start. */
  _newReady() {
    const before = this._resolveReady;
    this.ready = new Promise((resolve, reject) => {
      this._resolveReady = resolve;
      this._rejectReady = reject;
    });
    // A page that never awaits `ready` should not see an unhandled rejection.
    this.ready.catch(() => {});
    before?.(this.ready);
  }

  static get observedAttributes() { return ATTRIBUTES; }

  /** Every attribute is live: the theme, height, hash and region change the map in place,
   *  the language too once the map is drawn; new data starts the map again. */
  attributeChangedCallback(name, old, value) {
    const view = this._view;
    if (old === value || !view) return;
    if (name === 'theme') view.themeAttribute(value);
    else if (name === 'height') view.setHeight(value);
    else if (name === 'hash') view.setHash(value !== 'off');
    else if (name === 'loading') { if (value === 'eager') this._go?.(); }
    else if (!this._widget) { if (name !== 'lang' && name !== 'region') this._restart(); } // read when the data arrives
    else if (name === 'lang') view.setLang(value);
    else if (name === 'region') view.pick(value, 'api');
    else this._restart();
  }

  connectedCallback() {
    if (this._started) return;
    this._started = true;
    style(this.shadowRoot);
    this._view = new MapView(this, this.shadowRoot, {
      hash: this.getAttribute('hash') !== 'off',
      theme: this.getAttribute('theme'),
    });
    this._view.setHeight(this.getAttribute('height'));
    const generation = this._generation || 0;
    const current = () => generation === (this._generation || 0) && this.isConnected;
    // A start abandoned because the element left the page settles nothing: `ready` waits
    // for the start that follows when it comes back.
    this._go = () => {
      this._go = null;
      this._observer?.disconnect();
      this._start(current).then((built) => { if (built) this._resolveReady(); }, (err) => {
        if (current()) this._fail(err);
      });
    };
    // Code and data load when the map comes near the viewport (`loading="lazy"`, the
    // default), so an article's first paint never waits for a map far below it.
    if (this.getAttribute('loading') === 'eager' || !window.IntersectionObserver) return this._go();
    this._observer = new IntersectionObserver((seen) => { if (seen.some((e) => e.isIntersecting)) this._go?.(); }, { rootMargin: '50% 0px' });
    this._observer.observe(this);
  }

  disconnectedCallback() {
    // Moving the element within the page fires disconnect+connect; only tear down if it left.
    queueMicrotask(() => { if (!this.isConnected) this.destroy(); });
  }

  /** Releases the map: its DOM, listeners, observers, frames and wasm memory. Putting the
   *  element back on the page (or changing its data) starts it again. */
  destroy() {
    // A load still in flight sees the new generation and builds nothing.
    this._generation = (this._generation || 0) + 1;
    this._observer?.disconnect();
    this._go = null;
    this._view?.destroy();
    this._view = null;
    this._widget = null;
    this._started = false;
    this.shadowRoot.replaceChildren();
  }

  /** Starts again on new data (the `features` or `policies` attribute changed). */
  _restart() {
    this.destroy();
    this._newReady();
    this.connectedCallback();
  }

  async _start(current) {
    // Written out in full so that bundlers (Vite, webpack) see the files and ship them.
    const featuresUrl = this.getAttribute('features') || new URL('./data/places.geojson', import.meta.url).href;
    const policiesUrl = this.getAttribute('policies') || new URL('./data/policies.json', import.meta.url).href;
    const [, features, policies] = await Promise.all([
      loadWasm(),
      fetchBytes(featuresUrl, 'map features'),
      fetchBytes(policiesUrl, 'policy text'),
    ]);
    // The element left the page while its data loaded: build nothing on a detached element.
    if (!current()) return false;
    // Marks on the page's performance timeline, for anyone profiling an embed (and `make bench`).
    performance.mark('jingjinji-map:loaded');
    // Rust decides the language (one rule): an explicit lang must be one we have, the
    // page's own lang is only a hint.
    // A page may accept less data than the map's own limits: `max-bytes` (per file),
    // `max-features` and `max-positions`; 0 keeps the map's own.
    const [maxBytes, maxFeatures, maxPositions] = ['bytes', 'features', 'positions'].map((n) => +this.getAttribute(`max-${n}`) || 0);
    const options = { lang: this.getAttribute('lang'), pageLang: document.documentElement.lang || null, maxBytes, maxFeatures, maxPositions };
    const core = new Widget(this._view.canvas, features, policies, options);
    performance.mark('jingjinji-map:read');
    try {
      this._view.attach(core);
      // The page's region, unless the reader's link already chose one.
      const region = this.getAttribute('region');
      if (region && !this._view.selected()) this._view.pick(region, 'api');
    } catch (err) {
      this._view.destroy(); // frees the core too
      this._view = null;
      throw err;
    }
    this._widget = this._view;
    performance.mark('jingjinji-map:drawn');
    this.dispatchEvent(new CustomEvent('ready'));
    return true;
  }

  /** The map could not load, or stopped: say why in its place, settle `ready` and fire
   *  `error`. A trap (a bug in the map's code) is said in plain words, and logged. */
  _fail(err) {
    const trap = err instanceof WebAssembly.RuntimeError;
    if (trap) console.error('jingjinji-map:', err);
    const message = trap ? 'an internal error stopped it (please report it)' : String(err?.message ?? err);
    this._widget = null;
    this._showError(message);
    this._rejectReady(new Error(message));
    this.dispatchEvent(new CustomEvent('error', { detail: { message } }));
  }

  _showError(message) {
    this._view?.destroy();
    this._view = null;
    const box = document.createElement('p');
    box.className = 'jjm-error';
    box.setAttribute('role', 'alert');
    box.textContent = `The map could not be shown: ${message}`;
    // Whatever the page put inside the element (its static picture and the no-script list
    // of places) shows instead.
    const picture = document.createElement('slot');
    picture.name = 'picture';
    picture.className = 'jjm-error-picture';
    this.shadowRoot.append(box, picture, document.createElement('slot'));
  }

  _need() {
    if (!this._widget) throw new Error('jingjinji-map is not ready yet: await element.ready first');
    return this._widget;
  }

  /** Selects a place by id, or the overview with null. */
  select(id) { const w = this._need(); w.select(id ?? null, 'api'); w.after(); }
  /** The selected place's id, or null. */
  get selected() { return this._widget ? this._widget.selected() : null; }
  /** The place id at CSS pixel (x, y) relative to the canvas, or null. */
  featureAt(x, y) { return this._need().featureAt(x, y); }
  /** [x, y] in CSS pixels relative to the canvas for a longitude/latitude. */
  project(lon, lat) { return this._need().project(lon, lat); }
  /** How far the map is zoomed in (1 = the whole region). */
  get zoom() { return this._widget ? this._widget.zoom() : 1; }
  /** Every selectable place as { id, kind, name_zh, name_en }. */
  regions() { return this._need().regions(); }
  /** The current view as a PNG (twice its size, with title, key and credit): a promise of a Blob. */
  toBlob() { return this._need().toBlob(); }
  /** The canvas, for annotation overlays. */
  get canvas() { return this.shadowRoot.querySelector('canvas'); }
}

// Each attribute as a property of the same name: `map.region = 'xiongan'` sets the attribute.
// An absent attribute reads as null (the map then uses its default). `lang` is every
// element's own property already, and reflects its attribute the same way.
for (const name of ATTRIBUTES.slice(1)) {
  Object.defineProperty(JingjinjiMap.prototype, name, {
    get() { return this.getAttribute(name); },
    set(value) { if (value == null) this.removeAttribute(name); else this.setAttribute(name, value); },
  });
}

if (!customElements.get('jingjinji-map')) customElements.define('jingjinji-map', JingjinjiMap);
