// <jingjinji-map>: the custom element, a thin shell around the wasm `Widget` class
// (src/web/widget.rs), which builds the map's DOM, paints it, owns every listener and makes
// every decision. This shows a box of the map's final size (with the page's picture) while the
// code and data load, fetches them, forwards attributes and methods, and shows a failure.
// `make site` bundles it with its stylesheet and wasm-bindgen's glue (scripts/build-element.mjs).
// A map with a `values` file loads the build with the value layer (its own glue and wasm);
// a map without one never downloads that layer's code.

import styleText from './jingjinji-map.source.css';
import { instance as glue } from '../build/pkg-lean/jingjinji_map.js';

let sheet = null;

/** Styles a shadow root with the element's stylesheet, parsed once per page and shared: a
 *  strict Content-Security-Policy needs no exception for a constructed sheet (else a <style>). */
function style(root) {
  if (!('adoptedStyleSheets' in Document.prototype)) return root.append(Object.assign(document.createElement('style'), { textContent: styleText }));
  if (!sheet) (sheet = new CSSStyleSheet()).replaceSync(styleText);
  root.adoptedStyleSheets = [sheet];
}

// The two builds (URLs written out in full so that bundlers ship the files), each with its
// compiled module (a fresh instance after a trap needs no second download) and current instance.
const LEAN = { glue: async () => glue, url: () => new URL('./jingjinji-map.wasm', import.meta.url) };
const VALUES = { glue: async () => (await import('./jingjinji-map-values.js')).instance, url: () => new URL('./jingjinji-map-values.wasm', import.meta.url) };
let last = null; // the instance made last

/** The wasm instance of `build` for a new map (`{ Widget, memory, ready, loaded, maps, trapped,
 *  guard }`), loaded once per page and shared by its maps (`init` compiles it as it streams
 *  in), or a fresh one once a trap has broken the last. */
function instance(build) {
  if (build.current && !build.current.trapped) return build.current;
  const made = { build, loaded: false, maps: new Set(), trapped: false };
  // Wraps every callback Rust hands the browser: should the map's code trap (a Rust panic is a
  // `RuntimeError`), every map on this instance shows its error state and fires `error`, not a
  // dead canvas and an uncaught exception. Other errors are thrown on: the map can go on.
  made.guard = (fn) => (...args) => {
    if (made.trapped) return undefined;
    try { return fn(...args); } catch (err) {
      if (!(err instanceof WebAssembly.RuntimeError)) throw err;
      made.trapped = true;
      for (const map of [...made.maps]) map._fail(err);
      return undefined;
    }
  };
  made.ready = build.glue().then((factory) => {
    const { init, Widget, memory } = factory();
    Object.assign(made, { Widget, memory });
    return init({ module_or_path: build.compiled ?? build.url() }).then(() => { made.loaded = true; build.compiled ??= init.__wbindgen_wasm_module; });
  });
  return (last = build.current = made);
}

/** The wasm memory of the instance made last, in bytes (null before it loads): for `make bench`. */
export const wasmMemoryBytes = () => (last?.loaded ? last.memory().buffer.byteLength : null);

/** A data file's response, its body still to come: Rust reads it as it streams in, to the limit. */
const fetchFile = async (url, what) => {
  const res = await fetch(url);
  return res.ok ? res : Promise.reject(new Error(`could not load the ${what} (${url}): HTTP ${res.status}`));
};

/** A new element with a class, appended to `parent`. */
const make = (tag, className, parent) => parent.appendChild(Object.assign(document.createElement(tag), { className }));

/** The box the map is drawn in, of its final size at once (the page never jumps), showing the
 *  page's static picture until the map is drawn. Rust builds the rest of the map's DOM in it. */
function box(root) {
  const frame = make('div', 'jjm-frame', root);
  frame.setAttribute('aria-busy', 'true');
  const stage = make('div', 'jjm-stage', make('figure', 'jjm-map', make('div', 'jjm-column', frame)));
  const canvas = make('canvas', '', stage);
  make('slot', 'jjm-picture', stage).name = 'picture';
  return { frame, canvas };
}

/** The map's height (the `height` attribute): CSS pixels as a bare number, or any CSS
 *  length; none keeps the map's own 4:5 shape. */
function setHeight(canvas, value) {
  const h = /^\d+(\.\d+)?$/.test(value ?? '') ? `${value}px` : value || '';
  Object.assign(canvas.style, { height: h, aspectRatio: h && 'auto', maxHeight: h && 'none' });
}

/** The element's attributes; each takes effect when it changes, and has a property. */
const ATTRIBUTES = ['lang', 'theme', 'region', 'features', 'policies', 'height', 'hash', 'loading', 'values'];
/* VALUE_OPTIONS: how the `values` file's figures are shown, each change re-classed in Rust;
   the names are Rust's (`ValueSettings::NAMES`), which scripts/build-element.mjs writes in. */

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
    this.ready = new Promise((resolve, reject) => { this._resolveReady = resolve; this._rejectReady = reject; });
    // A page that never awaits `ready` should not see an unhandled rejection.
    this.ready.catch(() => {});
    before?.(this.ready);
  }

  static get observedAttributes() { return [...ATTRIBUTES, ...VALUE_OPTIONS]; }

  /** Every attribute is live: the theme, height, hash and region change the map in place,
   *  the language too once the map is drawn; new data starts the map again. */
  attributeChangedCallback(name, old, value) {
    if (old === value || !this._box) return;
    const w = this._widget;
    if (name === 'height') setHeight(this._box.canvas, value);
    else if (name === 'loading') { if (value === 'eager') this._go?.(); }
    else if (!w) { if (name === 'features' || name === 'policies') this._restart(); } // the rest is read when the data arrives
    else if (name === 'theme') w.setTheme(value);
    else if (name === 'hash') w.setHash(value !== 'off');
    else if (name === 'lang') w.setLang(value ?? '');
    else if (name === 'region') w.pick(value);
    else if (name === 'values') this._loadValues();
    else if (VALUE_OPTIONS.includes(name)) { try { w.setValueOption?.(name, value); } catch (err) { this._figuresFailed(err); } }
    else this._restart();
  }

  connectedCallback() {
    if (this._started) return;
    this._started = true;
    style(this.shadowRoot);
    this._box = box(this.shadowRoot);
    setHeight(this._box.canvas, this.getAttribute('height'));
    const generation = this._generation || 0;
    const live = () => generation === (this._generation || 0) && this.isConnected;
    // A start abandoned because the element left the page settles nothing: `ready` waits
    // for the start that follows when it comes back.
    this._go = () => {
      this._go = null;
      this._observer?.disconnect();
      this._start(live).then((built) => { if (built) this._resolveReady(); }, (err) => {
        if (live()) this._fail(err);
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
    this._release();
    this._box = null;
    this._started = false;
    this.shadowRoot.replaceChildren();
  }

  /** Frees the map's wasm side: its listeners, frames, timers and memory. */
  _release() {
    const w = this._widget, wasm = this._wasm;
    this._widget = null;
    wasm?.maps.delete(this);
    // After a trap the module may refuse even this; the map is gone either way.
    if (w && !wasm.trapped) { try { w.free(); } catch {} }
  }

  /** Starts again on new data (the `features` or `policies` attribute changed). */
  _restart() {
    this.destroy();
    this._newReady();
    this.connectedCallback();
  }

  async _start(live) {
    // Written out in full so that bundlers (Vite, webpack) see the files and ship them.
    const featuresUrl = this.getAttribute('features') || new URL('./data/places.geojson', import.meta.url).href;
    const policiesUrl = this.getAttribute('policies') || new URL('./data/policies.json', import.meta.url).href;
    // The fetches start at once, while the wasm compiles; a values file's too (said if it fails
    // when the map reads it), and the list of places waits for it.
    const valuesUrl = this.getAttribute('values'), figures = valuesUrl && fetchFile(valuesUrl, 'figures');
    figures?.catch(() => {});
    let wasm = instance(valuesUrl ? VALUES : LEAN);
    const [, features, policies] = await Promise.all([wasm.ready, fetchFile(featuresUrl, 'map features'), fetchFile(policiesUrl, 'policy text')]);
    // The element left the page while its data loaded: build nothing on a detached element.
    if (!live()) return false;
    // The instance broke while the data loaded: this map gets a fresh one.
    if (wasm.trapped) await (wasm = instance(wasm.build)).ready;
    if (!live()) return false;
    // Rust decides the language: an explicit lang must be one we have, the page's is a hint.
    // A page may lower the map's limits (`max-bytes` per file, `max-features`, `max-positions`).
    const [maxBytes, maxFeatures, maxPositions] = ['bytes', 'features', 'positions'].map((n) => +this.getAttribute(`max-${n}`) || 0);
    const options = {
      lang: this.getAttribute('lang'), pageLang: document.documentElement.lang || null, theme: this.getAttribute('theme'),
      hash: this.getAttribute('hash') !== 'off', maxBytes, maxFeatures, maxPositions, figures: !!valuesUrl,
    };
    this._wasm = wasm;
    wasm.maps.add(this); // from here a trap fails this map with the others
    // Marks on the page's performance timeline, for anyone profiling an embed.
    performance.mark('jingjinji-map:loaded');
    let widget;
    try {
      widget = await wasm.Widget.load(this, this._box.frame, features, policies, options, wasm.guard);
    } catch (err) {
      if (!(err instanceof WebAssembly.RuntimeError)) { wasm.maps.delete(this); throw err; }
      wasm.guard(() => { throw err; })(); // every map on the instance fails, this one too
      return false;
    }
    if (!live()) { widget.free(); return false; }
    this._widget = widget;
    // The page's region, unless the reader's link already chose one.
    const region = this.getAttribute('region');
    if (region && !widget.selected()) widget.pick(region);
    if (valuesUrl || this.getAttribute('values')) this._loadValues(this.getAttribute('values') === valuesUrl && figures);
    performance.mark('jingjinji-map:drawn');
    this.dispatchEvent(new CustomEvent('ready'));
    return true;
  }

  /** Shows the `values` file's figures (its response if `fetched` already; `valuesReady` settles
   *  when they are drawn, or not): one that cannot be used leaves the map drawn without them,
   *  says why under it, and fires `error`. */
  _loadValues(fetched) {
    const w = this._widget, url = this.getAttribute('values');
    if (!url) return w?.clearValues?.();
    if (!w.loadValues) return this._restart(); // the lean build: start again on the one with the layer
    const settings = Object.fromEntries(VALUE_OPTIONS.map((n) => [n, this.getAttribute(n)]));
    this.valuesReady = w.loadValues(fetched || fetchFile(url, 'figures'), settings);
    this.valuesReady.catch((err) => this._figuresFailed(err));
  }

  _figuresFailed(err) { this.dispatchEvent(new CustomEvent('error', { detail: { message: String(err?.message ?? err), problems: [] } })); }

  /** The map could not load, or stopped: say why in its place, settle `ready` and fire
   *  `error`. A trap (a bug in the map's code) is said in plain words, and logged. */
  _fail(err) {
    const trap = err instanceof WebAssembly.RuntimeError;
    if (trap) console.error('jingjinji-map:', err);
    const message = trap ? 'an internal error stopped it (please report it)' : String(err?.message ?? err);
    this._release();
    const root = this.shadowRoot;
    root.replaceChildren();
    this._box = null;
    const shown = make('p', 'jjm-error', root);
    shown.setAttribute('role', 'alert');
    shown.textContent = `The map could not be shown: ${message}`;
    // Whatever the page put inside the element (its static picture and the no-script list
    // of places) shows instead.
    make('slot', 'jjm-error-picture', root).name = 'picture';
    root.append(document.createElement('slot'));
    this._rejectReady(new Error(message));
    // A data error lists every problem, located (file, feature, id, path, line, column).
    this.dispatchEvent(new CustomEvent('error', { detail: { message, problems: err?.problems ?? [] } }));
  }

  _need() { return this._widget ?? (() => { throw new Error('jingjinji-map is not ready yet: await element.ready first'); })(); }

  /** Selects a place by id, or the overview with null. */
  select(id) { this._need().select(id ?? null); }
  /** The selected place's id, or null. */
  get selected() { return this._widget ? this._widget.selected() ?? null : null; }
  /** The place id at CSS pixel (x, y) relative to the canvas, or null. */
  featureAt(x, y) { return this._need().featureAt(x, y) ?? null; }
  /** [x, y] in CSS pixels relative to the canvas for a longitude/latitude. */
  project(lon, lat) { return Array.from(this._need().project(lon, lat)); }
  /** How far the map is zoomed in (1 = the whole region). */
  get zoom() { return this._widget ? this._widget.zoom() : 1; }
  /** Every selectable place as { id, kind, name_zh, name_en }. */
  regions() { return this._need().regions(); }
  /** The current view as a PNG (twice its size, with title, key and credit): a promise of a Blob. */
  toBlob() { try { return this._need().toBlob(); } catch (err) { return Promise.reject(err); } }
  /** The figures' classes, then "No data": [{ from, to, colour, label, count, no_data }]. */
  legend() { return this._need().legend?.() ?? []; }
  /** A place's figure as { value, text, class }, or null. */
  valueFor(id) { return this._need().valueFor?.(id) ?? null; }
  /** The canvas, for annotation overlays. */
  get canvas() { return this.shadowRoot.querySelector('canvas'); }
}

// Each attribute as a property of the same name: `map.region = 'xiongan'` sets the attribute.
// An absent attribute reads as null (the map then uses its default). `lang` is every
// element's own property already, and reflects its attribute the same way.
for (const name of [...ATTRIBUTES.slice(1), ...VALUE_OPTIONS]) {
  Object.defineProperty(JingjinjiMap.prototype, name.replace(/-(\w)/g, (_, c) => c.toUpperCase()), {
    get() { return this.getAttribute(name); },
    set(value) { if (value == null) this.removeAttribute(name); else this.setAttribute(name, value); },
  });
}

if (!customElements.get('jingjinji-map')) customElements.define('jingjinji-map', JingjinjiMap);
