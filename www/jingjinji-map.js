// <jingjinji-map>: the custom element. Loads the wasm package and the default data next to
// this module, and forwards its small public API to the Rust MapWidget.
import init, { MapWidget } from './pkg/jingjinji_map.js';

let wasmReady = null;

async function fetchText(url, what) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`could not load the ${what} (${url}): HTTP ${res.status}`);
  return res.text();
}

export class JingjinjiMap extends HTMLElement {
  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
    this._widget = null;
    this.ready = new Promise((resolve, reject) => {
      this._resolveReady = resolve;
      this._rejectReady = reject;
    });
    // A page that never awaits `ready` should not see an unhandled rejection.
    this.ready.catch(() => {});
  }

  connectedCallback() {
    if (this._started) return;
    this._started = true;
    const css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = new URL('./jingjinji-map.css', import.meta.url).href;
    this.shadowRoot.append(css);
    const generation = this._generation || 0;
    const current = () => generation === (this._generation || 0) && this.isConnected;
    // A start abandoned because the element left the page settles nothing: `ready` waits
    // for the start that follows when it comes back.
    this._start(current).then((built) => { if (built) this._resolveReady(); }, (err) => {
      if (!current()) return;
      this._showError(err);
      this._rejectReady(err);
    });
  }

  disconnectedCallback() {
    // Moving the element within the page fires disconnect+connect; only tear down if it left.
    queueMicrotask(() => {
      if (this.isConnected || !this._started) return;
      // A load still in flight sees the new generation and builds nothing.
      this._generation = (this._generation || 0) + 1;
      this._widget?.free();
      this._widget = null;
      this._started = false;
      this.shadowRoot.replaceChildren();
    });
  }

  async _start(current) {
    wasmReady ??= init({ module_or_path: new URL('./pkg/jingjinji_map_bg.wasm', import.meta.url) });
    const base = new URL('./data/', import.meta.url);
    const featuresUrl = this.getAttribute('features') || new URL('places.geojson', base).href;
    const policiesUrl = this.getAttribute('policies') || new URL('policies.json', base).href;
    const [, features, policies] = await Promise.all([
      wasmReady,
      fetchText(featuresUrl, 'map features'),
      fetchText(policiesUrl, 'policy text'),
    ]);
    // The element left the page while its data loaded: build nothing on a detached element.
    if (!current()) return false;
    // Rust decides the language (one rule): an explicit lang must be one we have, the
    // page's own lang is only a hint.
    const options = {
      lang: this.getAttribute('lang'),
      pageLang: document.documentElement.lang || null,
      hash: this.getAttribute('hash') !== 'off',
    };
    this._widget = new MapWidget(this, this.shadowRoot, features, policies, options);
    this.dispatchEvent(new CustomEvent('ready'));
    return true;
  }

  _showError(err) {
    const box = document.createElement('p');
    box.className = 'jjm-error';
    box.setAttribute('role', 'alert');
    box.textContent = `The map could not be shown: ${err && err.message ? err.message : err}`;
    // Whatever the page put inside the element (the no-script list of places) shows instead.
    this.shadowRoot.append(box, document.createElement('slot'));
  }

  _need() {
    if (!this._widget) throw new Error('jingjinji-map is not ready yet: await element.ready first');
    return this._widget;
  }

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
  /** The canvas, for annotation overlays. */
  get canvas() { return this.shadowRoot.querySelector('canvas'); }
}

if (!customElements.get('jingjinji-map')) customElements.define('jingjinji-map', JingjinjiMap);
