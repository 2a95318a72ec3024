// <jingjinji-map>: the custom element and the browser half of the widget. `make site` bundles
// this file and its stylesheet into www/jingjinji-map.js (scripts/build-element.mjs), the one
// script a page loads, beside jingjinji-map.wasm.
//
// Rust (the wasm `MapCore`) makes every decision: what is selected, what a key or a drag
// does, what the panel says, what the canvas shows. This module only translates: it builds
// the DOM, turns events into `MapCore` messages, paints the packed display list and writes the
// words that come back. Keeping browser calls here rather than in Rust keeps the download
// small.

import styleText from './jingjinji-map.source.css';

// What changed, as MapCore's `takeChanges()` reports it (src/web/map_core.rs, `changed`).
const DRAW = 1;
const SELECTION = 2;
const ANNOUNCE = 4;
const HOVERED = 8;
const WORDS = 16;
// The messages of MapCore's `input` (src/web/map_core.rs, `input`).
const HOVER = 0;
const WHEEL = 1;
const DRAG_START = 2;
const DRAG_MOVE = 3;
const DRAG_END = 4;
const PINCH_START = 5;
const PINCH_MOVE = 6;
const PINCH_END = 7;
const ZOOM = 8;
const HOME = 9;
const BLUR = 10;
const FRAME = 11;
// The packed scene (src/ui/packed.rs): a header, then items by opcode.
const HEADER = 7;
const AREA = 1;
const RECT = 2;
const CIRCLE = 3;
const LABEL = 4;
/** Detail levels of outlines kept at once: enough to zoom in fully and back out. */
const LEVELS_KEPT = 6;
/** How long a gesture hint stays, ms. */
const HINT_MS = 1800;
/** How far (CSS px) one finger must move before the map says how to pan it. */
const TOUCH_HINT_PX = 10;
/** How long after the last wheel step, drag or pinch move the map is drawn afresh, ms. */
const SETTLE_MS = 120;

/** How a selection was made (`Origin` in src/web/map_core.rs). */
const Origin = { Pointer: 0, Keyboard: 1, List: 2, Link: 3, Api: 4 };

/** Text to and from the wasm module's memory. */
const encoder = new TextEncoder();
const decoder = new TextDecoder();

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

/** The wasm module's exports once it is loaded (its `memory`, for diagnostics and `make bench`). */
export const wasmExports = () => wasmReady;

/** Loads the wasm module once per page, however many maps there are. */
function loadWasm() {
  wasmReady ??= (async () => {
    const url = new URL('./jingjinji-map.wasm', import.meta.url);
    const imports = {};
    let module;
    try {
      module = await WebAssembly.instantiateStreaming(fetch(url), imports);
    } catch {
      // A server that does not say `application/wasm`: compile from the bytes instead.
      const res = await fetch(url);
      if (!res.ok) throw new Error(`could not load the map's code (${url}): HTTP ${res.status}`);
      module = await WebAssembly.instantiate(await res.arrayBuffer(), imports);
    }
    // A panic in Rust aborts at once (the shipped build's `panic=immediate-abort`): the call
    // throws a `WebAssembly.RuntimeError` ("unreachable") to whoever made it.
    return module.instance.exports;
  })();
  return wasmReady;
}

/** One `MapCore` in the wasm module, through its exports (the protocol in src/web/abi.rs). */
class Core {
  constructor(wasm, features, policies, lang, pageLang, limits) {
    this.w = wasm;
    this.m = wasm.jjm_new(...this.put(features), ...this.put(policies), ...this.put(lang), ...this.put(pageLang), ...limits);
    if (!this.m) throw new Error(this.text(wasm.jjm_out_len()));
  }

  /** Copies text or bytes into a buffer of the module's: `[pointer, length]`, `[0, 0]` for none. */
  put(value) {
    if (value === null || value === undefined) return [0, 0];
    const bytes = typeof value === 'string' ? encoder.encode(value) : value;
    const ptr = this.w.jjm_alloc(bytes.length);
    new Uint8Array(this.w.memory.buffer, ptr, bytes.length).set(bytes);
    return [ptr, bytes.length];
  }

  /** The last answer as text (`null` for −1). */
  text(n) {
    return n < 0 ? null : decoder.decode(new Uint8Array(this.w.memory.buffer, this.w.jjm_out(), n));
  }

  /** The last answer as numbers. */
  numbers(n) {
    return n < 0 ? new Float64Array(0) : new Float64Array(this.w.memory.buffer, this.w.jjm_out(), n).slice();
  }

  /** `n`, or the error the call left as its answer. */
  check(n) {
    if (n < 0) throw new Error(this.text(this.w.jjm_out_len()));
    return n;
  }

  resize(width, height, dpr) { return this.numbers(this.check(this.w.jjm_resize(this.m, width, height, dpr))); }
  takeChanges() { return this.w.jjm_take_changes(this.m); }
  takeAnnouncement() { return this.text(this.w.jjm_take_announcement(this.m)); }
  select(id, origin, still) { this.check(this.w.jjm_select(this.m, ...this.put(id), origin, still ? 1 : 0)); }
  isPlace(id) { return this.w.jjm_is_place(this.m, ...this.put(id)) === 1; }
  selected() { return this.text(this.w.jjm_selected(this.m)); }
  featureAt(x, y) { return this.text(this.w.jjm_feature_at(this.m, x, y)); }
  project(lon, lat) { return this.numbers(this.w.jjm_project(this.m, lon, lat)); }
  view() { return this.numbers(this.w.jjm_view(this.m)); }
  zoom() { return this.w.jjm_zoom(this.m); }
  hoveredName() { return this.text(this.w.jjm_hovered_name(this.m)); }
  input(what, a, b, c, d) { return this.w.jjm_input(this.m, what, a, b, c, d); }
  key(key, still) { return this.check(this.w.jjm_key(this.m, ...this.put(key), still ? 1 : 0)) === 1; }
  scene(dpr) { return this.numbers(this.w.jjm_scene(this.m, dpr)); }
  sceneStrings() { return this.text(this.w.jjm_scene_strings(this.m)); }
  paths(level) { return this.numbers(this.w.jjm_paths(this.m, level)); }
  panel() { return this.text(this.w.jjm_panel(this.m)); }
  words() { return this.text(this.w.jjm_words(this.m)); }
  places() { return this.text(this.w.jjm_places(this.m)); }
  setLang(code) { this.check(this.w.jjm_set_lang(this.m, ...this.put(code))); }
  setTheme(code) { this.check(this.w.jjm_set_theme(this.m, ...this.put(code))); }
  /** Frees the map; any later call throws rather than touch freed memory. */
  free() { this.w.jjm_free(this.m); this.w = null; }
}

/** A packed colour (0xRRGGBBAA) as CSS, each worked out once. */
const cssColors = new Map();
function css(packed) {
  let text = cssColors.get(packed);
  if (text === undefined) {
    const [r, g, b, a] = [24, 16, 8, 0].map((shift) => Math.floor(packed / 2 ** shift) % 256);
    text = a === 255 ? `rgb(${r},${g},${b})` : `rgba(${r},${g},${b},${+(a / 255).toFixed(3)})`;
    cssColors.set(packed, text);
  }
  return text;
}

/** MapCore gives lists of strings as one string, U+001F between them. */
const strings = (joined) => joined.split('\x1f');


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


/** One map on the page: its DOM, listeners and painter around a `MapCore`. */
class MapView {
  // Private state (#names: the minifier shortens them, and nothing outside can reach them).
  #background; #canvas; #core; #credit; #ctx; #download; #darkQuery; #dpr; #dprChanged; #dprWatch; #dragId;
  #drawnView; #forcedQuery; #frame; #gesture; #gestureHint; #hash; #hintTimer; #host; #keys;
  #legend; #levels; #listeners; #live; #observer; #panel; #picture; #pinching; #places;
  #placesHeading; #placesList; #reset; #settleTimer; #sizedFor; #snapshot; #snapshotFresh;
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
    this.#levels = new Map();
    this.frameHandle = 0;
    this.#hintTimer = 0;
    this.#dpr = window.devicePixelRatio || 1;
    this.#dprChanged = false;
    this.#dprWatch = null;
    this.#suppressClick = false;
    this.#dragId = null;
    this.#pinching = false;
    this.#touchStart = null;
    // While a gesture moves the map, frames move the last full frame's picture (kept in
    // `snapshot`, drawn at `drawnView`) instead of drawing everything: a frame then costs a
    // copy of pixels however big the data. A full frame follows once the gesture settles.
    this.#gesture = false;
    this.#settleTimer = 0;
    this.#snapshot = null;
    this.#snapshotFresh = false;
    this.#drawnView = null;
    this.#build(root);
    this.#frame.setAttribute('aria-busy', 'true');
    this.#watchTheme();
    this.#setTheme(theme);
  }

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
      this.#writeKey(strings(this.#core.words()));
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
    this.#ctx = canvas.getContext('2d');
    if (!this.#ctx) throw new Error('this browser gives no 2D canvas context');
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
    const send = (what, a = 0, b = 0, c = 0, d = 0) => core.input(what, a, b, c, d);
    this.#on(canvas, 'click', (e) => {
      if (this.#suppressClick) { this.#suppressClick = false; return; } // the end of a drag or pinch
      this.select(core.featureAt(...at(e)) ?? null, Origin.Pointer);
    });
    this.#on(canvas, 'pointerdown', (e) => {
      if (e.pointerType === 'touch' || e.button !== 0) return; // fingers: see the touch handlers
      this.#suppressClick = false;
      this.#dragId = e.pointerId;
      send(DRAG_START, e.pointerId, ...at(e));
      try { canvas.setPointerCapture(e.pointerId); } catch { /* the pointer already left */ }
    });
    this.#on(canvas, 'pointermove', (e) => {
      if (this.#dragId !== null) {
        if (e.pointerId === this.#dragId && send(DRAG_MOVE, e.pointerId, ...at(e))) {
          canvas.style.cursor = 'grabbing';
          this.#tooltip.hidden = true;
          this.#moving();
        }
        return;
      }
      if (e.pointerType !== 'touch') this.#hover(...at(e), true);
    });
    const end = (e) => {
      if (e.pointerId !== this.#dragId) return;
      this.#dragId = null;
      // The click that follows a drag's release must not select.
      this.#suppressClick = send(DRAG_END, e.pointerId) === 1;
      canvas.style.cursor = '';
    };
    this.#on(canvas, 'pointerup', end);
    this.#on(canvas, 'pointercancel', end);
    this.#on(canvas, 'pointerleave', () => { if (this.#dragId === null) this.#hover(0, 0, false); });
    this.#on(canvas, 'dblclick', (e) => send(ZOOM, 2, ...at(e), stillMotion()));
    this.#on(canvas, 'wheel', (e) => {
      if (!(e.ctrlKey || e.metaKey)) {
        // No scroll trap: the page scrolls; say how to zoom instead.
        this.#hint(this.#words[navigator.userAgent.includes('Mac') ? 10 : 9]);
        return;
      }
      e.preventDefault();
      const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1;
      send(WHEEL, e.deltaY * unit, ...at(e));
      this.#moving();
    }, true);
    const touches = (e) => [...e.touches].slice(0, 2).map(at);
    this.#on(canvas, 'touchstart', (e) => {
      const t = touches(e);
      if (t.length === 2) {
        this.#pinching = send(PINCH_START, ...t[0], ...t[1]) === 1;
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
        send(PINCH_MOVE, ...t[0], ...t[1]);
        this.#suppressClick = true;
        this.#moving();
      } else if (t.length === 1 && !this.#pinching && this.#touchStart) {
        // One finger scrolls the page; say how to move the map.
        const [x, y] = t[0];
        if (Math.hypot(x - this.#touchStart[0], y - this.#touchStart[1]) > TOUCH_HINT_PX) {
          this.#touchStart = null;
          this.#hint(this.#words[11]);
        }
      }
    }, true);
    this.#on(canvas, 'touchend', (e) => {
      if (e.touches.length < 2) { send(PINCH_END); this.#pinching = false; }
    });
    this.#on(canvas, 'touchcancel', () => {
      send(PINCH_END);
      this.#pinching = false;
      this.#touchStart = null;
    });
    this.#on(canvas, 'keydown', (e) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      // Keys the map uses (arrows, space…) must not also scroll the page.
      if (core.key(e.key, stillMotion())) e.preventDefault();
    }, true);
    // The ring shows where the keyboard is; off the map there is none.
    this.#on(canvas, 'blur', () => send(BLUR));
    this.#on(this.#zoomIn, 'click', () => send(ZOOM, 2, NaN, NaN, stillMotion()));
    this.#on(this.#zoomOut, 'click', () => send(ZOOM, 0.5, NaN, NaN, stillMotion()));
    this.#on(this.#reset, 'click', () => send(HOME, stillMotion()));
    this.#on(this.#download, 'click', () => this.#save());
    this.#on(this.#places, 'click', (e) => {
      const b = e.target instanceof Element ? e.target.closest('button[data-id]') : null;
      if (b) this.select(b.dataset.id, Origin.List);
    });
    this.#on(window, 'hashchange', () => this.#applyHash());
    this.#observer = new ResizeObserver(this.#safe(() => { this.#resize(); this.after(); }));
    this.#observer.observe(canvas);
  }

  /** A gesture moved the map: draw quickly until it settles, then in full. */
  #moving() {
    this.#gesture = true;
    clearTimeout(this.#settleTimer);
    this.#settleTimer = setTimeout(() => {
      this.#gesture = false;
      this.#requestDraw();
    }, SETTLE_MS);
  }

  /** Selects `id` (or the overview with null); unknown ids throw. */
  select(id, origin) {
    this.#core.select(id, origin, stillMotion());
  }

  /** Records the place under the pointer and names it in the tooltip beside the pointer. */
  #hover(x, y, inside) {
    this.#core.input(HOVER, x, y, inside ? 1 : 0, 0);
    const name = inside ? this.#core.hoveredName() : null;
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

  /** Acts on what MapCore says changed: words, panel, URL, `select` event, announcement, frame. */
  after() {
    const core = this.#core;
    const changes = core.takeChanges();
    if (changes & WORDS) this.#writeWords();
    else if (changes & SELECTION) this.#writePanel();
    if (changes & SELECTION) {
      const id = core.selected() ?? null;
      this.#updateHash(id);
      this.#host.dispatchEvent(new CustomEvent('select', { detail: { id }, bubbles: true, composed: true }));
    }
    if (changes & ANNOUNCE) {
      const text = core.takeAnnouncement();
      if (text) this.#live.textContent = text;
    }
    if (changes & HOVERED && this.#dragId === null) {
      this.#canvas.style.cursor = core.hoveredName() ? 'pointer' : '';
    }
    if (changes & DRAW) this.#requestDraw();
  }

  /** Everything that depends on the language: interface words, places, credit, panel. */
  #writeWords() {
    const w = strings(this.#core.words());
    this.#words = w;
    const [title, role, keys, zoomIn, zoomOut, reset, placesHeading, details, credit] = w;
    this.#canvas.setAttribute('aria-label', title);
    this.#canvas.setAttribute('aria-roledescription', role);
    this.#keys.textContent = keys;
    for (const [b, words] of [[this.#zoomIn, zoomIn], [this.#zoomOut, zoomOut], [this.#reset, reset]]) {
      b.setAttribute('aria-label', words);
      b.title = words;
    }
    this.#places.setAttribute('aria-label', placesHeading);
    this.#placesHeading.textContent = placesHeading;
    this.#panel.setAttribute('aria-label', details);
    this.#credit.textContent = credit;
    this.#download.textContent = w[12];
    this.#writeKey(w);
    // The button shows the map's short label (a phone has little room); its title gives the
    // full name, which the panel and the announcement also say.
    const places = strings(this.#core.places());
    this.#placesList.replaceChildren();
    for (let k = 0; k + 5 < places.length; k += 6) {
      const [id, , , , label, name] = places.slice(k, k + 6);
      const b = make('button', 'jjm-place', make('li', '', this.#placesList));
      b.type = 'button';
      b.dataset.id = id;
      b.textContent = label;
      if (name !== label) b.title = name;
    }
    this.#writePanel();
  }

  /** The key's rows from the words (`w`): after the thirteen words, text, fill, outline,
   *  radius and shape per row. */
  #keyRows(w) {
    const rows = [];
    for (let k = 13; k + 4 < w.length; k += 5) rows.push(w.slice(k, k + 5));
    return rows;
  }

  /** The key under the map from the words (`w`). */
  #writeKey(w) {
    this.#legend.replaceChildren();
    for (const row of this.#keyRows(w)) {
      const [text, fill, stroke, radius, square] = row;
      const item = make('li', '', this.#legend);
      const swatch = make('span', 'jjm-swatch', item);
      swatch.setAttribute('aria-hidden', 'true');
      const size = `${2 * Math.min(Number(radius), 7)}px`;
      Object.assign(swatch.style, { width: size, height: size, background: css(Number(fill)), borderColor: css(Number(stroke)) });
      if (square) swatch.style.borderRadius = '1px';
      item.append(text);
    }
  }

  /** The panel for the current selection (as text nodes only), and the list's pressed button. */
  #writePanel() {
    const s = strings(this.#core.panel());
    const [id, kicker, title, note, summary, source, hint] = s;
    const p = this.#panel;
    p.replaceChildren();
    p.dataset.place = id;
    const add = (tag, className, text, parent = p) => {
      const node = make(tag, className, parent);
      if (text) node.textContent = text;
      return node;
    };
    if (kicker) add('p', 'jjm-kicker', kicker);
    add('h2', 'jjm-title', title);
    if (note) add('p', 'jjm-note', note);
    if (summary) add('p', 'jjm-summary', summary);
    for (let k = 7; k + 2 < s.length;) {
      const [heading, ordered, count] = s.slice(k, k + 3);
      k += 3;
      add('h3', 'jjm-section', heading);
      const list = add(ordered === '1' ? 'ol' : 'ul', '', '');
      for (let n = 0; n < Number(count); n += 1, k += 2) {
        const li = add('li', '', '', list);
        if (s[k]) li.append(add('span', 'jjm-date', s[k], li), ' ');
        li.append(s[k + 1]);
      }
    }
    if (source) add('p', 'jjm-source', source);
    add('p', 'jjm-hint', hint);
    for (const b of this.#placesList.querySelectorAll('button')) {
      b.setAttribute('aria-pressed', String(b.dataset.id === id && id !== ''));
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
    if (id) this.pick(id, Origin.Link);
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
    const size = this.#core.resize(r.width, r.height, this.#dpr);
    if (size.length !== 2) return; // hidden or not laid out yet; a later resize will come
    if (this.#canvas.width !== size[0] || this.#canvas.height !== size[1]) {
      this.#canvas.width = size[0];
      this.#canvas.height = size[1];
    }
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

  /** Advances an easing view change and paints the scene (or, mid-gesture, moves the last
   *  full frame's picture). */
  draw() {
    const core = this.#core;
    // An easing view change advances; while it runs, each frame asks for the next.
    if (core.input(FRAME, performance.now(), 0, 0, 0)) this.#requestDraw();
    if (this.#gesture && this.#drawnView && this.#moveSnapshot()) return;
    const n = core.scene(this.#dpr);
    if (n.length < HEADER) return;
    this.#paint(n, strings(core.sceneStrings()));
    this.#drawnView = Array.from(n.subarray(2, 5));
    this.#snapshotFresh = false;
  }

  /** Draws the last full frame moved and scaled to the current view; the background shows
   *  where it does not reach. False if there is no view yet. */
  #moveSnapshot() {
    const view = this.#core.view();
    if (view.length !== 3) return false;
    const canvas = this.#canvas, ctx = this.#ctx, dpr = this.#dpr;
    if (!this.#snapshotFresh) {
      // The canvas still shows the last full frame: keep its pixels before moving them.
      this.#snapshot ??= document.createElement('canvas');
      this.#snapshot.width = canvas.width;
      this.#snapshot.height = canvas.height;
      this.#snapshot.getContext('2d').drawImage(canvas, 0, 0);
      this.#snapshotFresh = true;
    }
    const [scale, tx, ty] = view;
    const [scale0, tx0, ty0] = this.#drawnView;
    const k = scale / scale0;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = this.#background;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.setTransform(k, 0, 0, k, dpr * (tx - k * tx0), dpr * (ty - k * ty0));
    ctx.drawImage(this.#snapshot, 0, 0);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    return true;
  }

  /** Paints a packed scene (`n` numbers, `s` strings). */
  #paint(n, s, ctx = this.#ctx, dpr = this.#dpr) {
    const [width, height, scale, tx, ty, level, background] = n;
    this.#background = css(background);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = this.#background;
    ctx.fillRect(0, 0, width, height);
    ctx.lineJoin = 'round';
    const paths = this.#paths(level);
    for (let i = HEADER; i < n.length;) {
      const op = n[i];
      if (op === AREA) {
        const path = paths[n[i + 1]];
        if (path) {
          // Plane metres → device pixels, north up; widths scale with it, so give them in
          // plane units.
          ctx.setTransform(dpr * scale, 0, 0, -dpr * scale, dpr * tx, dpr * ty);
          if (n[i + 2] >= 0) { ctx.fillStyle = css(n[i + 2]); ctx.fill(path, 'evenodd'); }
          ctx.strokeStyle = css(n[i + 3]);
          ctx.lineWidth = n[i + 4] / scale;
          ctx.stroke(path);
          ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
        }
        i += 5;
      } else if (op === RECT) {
        const [x0, y0, x1, y1, fill, stroke, lineWidth] = n.subarray(i + 1, i + 8);
        ctx.fillStyle = css(fill);
        ctx.fillRect(x0, y0, x1 - x0, y1 - y0);
        ctx.strokeStyle = css(stroke);
        ctx.lineWidth = lineWidth;
        ctx.strokeRect(x0, y0, x1 - x0, y1 - y0);
        i += 8;
      } else if (op === CIRCLE) {
        const [x, y, r, fill, stroke, lineWidth, on, off] = n.subarray(i + 1, i + 9);
        ctx.beginPath();
        ctx.arc(x, y, r, 0, 2 * Math.PI);
        if (fill >= 0) { ctx.fillStyle = css(fill); ctx.fill(); }
        ctx.setLineDash(on > 0 ? [on, off] : []);
        ctx.strokeStyle = css(stroke);
        ctx.lineWidth = lineWidth;
        ctx.stroke();
        ctx.setLineDash([]);
        i += 9;
      } else if (op === LABEL) {
        const [text, x, y, font, color, halo, haloWidth, centred] = n.subarray(i + 1, i + 9);
        ctx.font = s[font];
        ctx.textAlign = centred ? 'center' : 'left';
        ctx.textBaseline = 'middle';
        ctx.strokeStyle = css(halo);
        ctx.lineWidth = haloWidth;
        ctx.strokeText(s[text], x, y);
        ctx.fillStyle = css(color);
        ctx.fillText(s[text], x, y);
        i += 9;
      } else {
        break; // an opcode this module does not know: stop rather than misread the rest
      }
    }
  }

  /** One Path2D per place (null for points) at a detail level, in plane metres, built once. */
  #paths(level) {
    let paths = this.#levels.get(level);
    if (paths) {
      this.#levels.delete(level); // most recently used last
    } else {
      const flat = this.#core.paths(level);
      paths = [];
      for (let k = 0; k < flat.length;) {
        const rings = flat[k++];
        const path = rings > 0 ? new Path2D() : null;
        for (let r = 0; r < rings; r += 1) {
          const count = flat[k++];
          path.moveTo(flat[k], flat[k + 1]);
          for (let v = 1; v < count; v += 1) path.lineTo(flat[k + 2 * v], flat[k + 2 * v + 1]);
          path.closePath();
          k += 2 * count;
        }
        paths.push(path);
      }
      if (this.#levels.size >= LEVELS_KEPT) this.#levels.delete(this.#levels.keys().next().value);
    }
    this.#levels.set(level, paths);
    return paths;
  }

  /** The current view as a PNG at twice its CSS size, with the map's title above it and
   *  the key and credit under it drawn in, for a reader to keep or share. */
  toBlob() {
    const n = this.#core.scene(2);
    if (n.length < HEADER) return Promise.reject(new Error('the map is not laid out yet'));
    const map = document.createElement('canvas');
    [map.width, map.height] = [n[0] * 2, n[1] * 2];
    this.#paint(n, strings(this.#core.sceneStrings()), map.getContext('2d'), 2);
    const w = this.#words, width = n[0], pad = 12;
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
    const title = block('600 16px', 22, w[0]);
    const credit = block('11px', 15, w[8]);
    const rows = this.#keyRows(w);
    const mapTop = pad + title[2].length * 22 + 6;
    const keyTop = mapTop + n[1] + 8;
    out.width = width * 2;
    out.height = (keyTop + rows.length * 20 + credit[2].length * 15 + pad) * 2;
    ctx.scale(2, 2);
    // The page's surface around the map, as the element shows it.
    ctx.fillStyle = look.getPropertyValue('--surface');
    ctx.fillRect(0, 0, width, out.height);
    ctx.drawImage(map, 0, mapTop, width, n[1]);
    ctx.textBaseline = 'top';
    ctx.fillStyle = color;
    let y = pad;
    const write = ([font, lineHeight, lines]) => {
      ctx.font = `${font} ${fontFamily}`;
      for (const line of lines) { ctx.fillText(line, pad, y); y += lineHeight; }
    };
    write(title);
    y = keyTop;
    for (const [text, fill, stroke, radius, square] of rows) {
      const r = Math.min(Number(radius), 7);
      ctx.beginPath();
      if (square) ctx.rect(pad, y + 8 - r, 2 * r, 2 * r);
      else ctx.arc(pad + r, y + 8, r, 0, 2 * Math.PI);
      ctx.fillStyle = css(Number(fill));
      ctx.strokeStyle = css(Number(stroke));
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
    this.#levels.clear();
    // After a failure the module may refuse even this; the map is gone either way.
    try { this.#core?.free(); } catch {}
    this.#core = null;
  }

  // The element's public API, through which pages and tests reach the map.
  selected() { return this.#core.selected() ?? null; }
  featureAt(x, y) { return this.#core.featureAt(x, y) ?? null; }
  project(lon, lat) {
    const xy = this.#core.project(lon, lat);
    if (xy.length !== 2) throw new Error(`cannot place (${lon}, ${lat}) on the map: it is not laid out yet, or the position is not finite`);
    return Array.from(xy);
  }
  zoom() { return this.#core.zoom(); }
  regions() {
    const p = strings(this.#core.places());
    const out = [];
    for (let k = 0; k + 5 < p.length; k += 6) out.push({ id: p[k], kind: p[k + 1], name_zh: p[k + 2], name_en: p[k + 3] });
    return out;
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
    else if (name === 'region') view.pick(value, Origin.Api);
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
    const [wasm, features, policies] = await Promise.all([
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
    const limits = ['bytes', 'features', 'positions'].map((n) => +this.getAttribute(`max-${n}`) || 0);
    const core = new Core(wasm, features, policies, this.getAttribute('lang'), document.documentElement.lang || null, limits);
    performance.mark('jingjinji-map:read');
    try {
      this._view.attach(core);
      // The page's region, unless the reader's link already chose one.
      const region = this.getAttribute('region');
      if (region && !this._view.selected()) this._view.pick(region, Origin.Api);
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
  select(id) { const w = this._need(); w.select(id ?? null, Origin.Api); w.after(); }
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
