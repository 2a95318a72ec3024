// Types for the <jingjinji-map> element (www/jingjinji-map.source.js), shipped in the npm
// package beside jingjinji-map.js. Importing the module defines the element.

/** A selectable place on the map, as `regions()` lists it. */
export interface JingjinjiMapRegion {
  /** Stable id, as used by `region`, `select()` and `#region=` links. */
  id: string;
  /** `province`, `counties`, `wing` or `park` (or a kind another dataset defines). */
  kind: string;
  name_zh: string;
  name_en: string;
}

/** A place's figure on a value map, as `valueFor(id)` and the `select` event give it. */
export interface JingjinjiMapValue {
  /** The figure as the values file has it. */
  value: number;
  /** In words, with its unit, in the map's language: `4.2 %`, `1.2万元`. */
  text: string;
  /** Its class, from 1 (null for counts and continuous scales). */
  class: number | null;
}

/** One entry of the value layer's legend: a class (half-open, the last closed), or the
 *  places without a figure (`no_data`). */
export interface JingjinjiMapLegendEntry {
  from: number | null;
  to: number | null;
  /** CSS colour of its fill. */
  colour: string;
  /** Its range in words, in the map's language. */
  label: string;
  /** How many places it holds. */
  count: number;
  no_data: boolean;
}

/** One problem with the map's data, as the `error` event lists it. */
export interface JingjinjiMapProblem {
  /** Which file: `features`, `policies` or `values`. */
  file: 'features' | 'policies' | 'values';
  /** The feature's index in the features file, if the problem is inside one. */
  feature: number | null;
  /** That feature's id, if it has one. */
  id: string | null;
  /** The JSON path inside the feature (or the file): `properties.id`; empty for the whole. */
  path: string;
  /** Line and column (1-based), for text that is not valid JSON. */
  line: number | null;
  column: number | null;
  /** What is wrong, in words a data editor can act on. */
  message: string;
}

/** The element's events, for `addEventListener` (its `error` is the map's own, not a script error). */
export interface JingjinjiMapEventMap extends Omit<HTMLElementEventMap, 'error'> {
  /** The selection changed (by the reader, a link or the page); `detail.id` is null for the overview. */
  select: CustomEvent<{ id: string | null; value: JingjinjiMapValue | null }>;
  /** The map is drawn and answers the methods below. */
  ready: CustomEvent<null>;
  /** The map could not load (a network or data error); it shows the message and the page's
   *  fallback. A data error lists every problem, located. A values file or value attribute
   *  that cannot be used fires it too, and the map stays drawn without the figures. */
  error: CustomEvent<{ message: string; problems: JingjinjiMapProblem[] }>;
}

/** The themes a page may ask for; `auto` follows the reader's light or dark setting. */
export type JingjinjiMapTheme = 'light' | 'dark' | 'auto';

/**
 * The Beijing–Tianjin–Hebei policy map. Every attribute is live and has a property of the
 * same name that reads the attribute (null when absent) and sets it (null removes it).
 * Three more attributes have no property: `max-bytes` (per data file), `max-features` and
 * `max-positions`, lower limits on the data than the map's own, read when the data loads.
 */
export class JingjinjiMap extends HTMLElement {
  /** `en`, `zh` or `zh-en` (both languages on the labels); defaults to the page's language. */
  lang: string;
  /** Light (the default), dark, or following the reader. */
  theme: JingjinjiMapTheme | null;
  /** The id of the place selected when the map loads; setting it later selects that place. */
  region: string | null;
  /** URL of the places (GeoJSON); defaults to `data/places.geojson` beside the module. */
  features: string | null;
  /** URL of the panel text; defaults to `data/policies.json` beside the module. */
  policies: string | null;
  /** The map's height: CSS pixels as a bare number (`"480"`) or any CSS length; none keeps 4:5. */
  height: string | null;
  /** `"off"` stops the map reading and writing `#region=<id>` in the page's URL. */
  hash: 'on' | 'off' | null;
  /** `"lazy"` (the default) loads code and data only when the map nears the viewport. */
  loading: 'lazy' | 'eager' | null;
  /** URL of a CSV of figures (an `id` column of place ids, then columns of numbers). */
  values: string | null;
  /** The column to show; the first column of numbers by default. */
  value: string | null;
  /** `rate` (the default: areas filled by class) or `count` (circles, area in proportion). */
  valueKind: 'rate' | 'count' | null;
  /** `ckmeans` (the default), `quantile`, `equal`, `continuous`, or breaks such as `"10,20,50"`. */
  classes: string | null;
  /** How many classes, 3 to 7 (default 5). */
  classCount: string | null;
  /** `viridis` (default), `cividis`, `blues`, `greens`, `oranges`, `purples`, `ylgnbu`, `ylorrd`, or diverging `rdbu`, `puor`, `brbg`. */
  palette: string | null;
  /** Where a diverging palette turns (default: halfway between the least and greatest figure). */
  midpoint: string | null;
  /** The figures' unit, `en|zh` (`yuan|元`) or one for both (`%`). */
  valueUnit: string | null;

  /** Resolves when the map is drawn; rejects (and the map shows why) if it cannot load. */
  readonly ready: Promise<void>;
  /** The selected place's id, or null for the overview. */
  readonly selected: string | null;
  /** How far the map is zoomed in: 1 is the whole region. */
  readonly zoom: number;
  /** The map's canvas, for overlays. */
  readonly canvas: HTMLCanvasElement | null;
  /** Settles when the `values` file's figures are drawn, or rejects (the map stays drawn). */
  readonly valuesReady: Promise<void> | undefined;

  /** Selects a place by id, or the overview with null; an unknown id throws. */
  select(id: string | null): void;
  /** The place at CSS pixel (x, y) relative to the canvas, or null. */
  featureAt(x: number, y: number): string | null;
  /** Where a longitude/latitude is on the canvas now, in CSS pixels. */
  project(lon: number, lat: number): [number, number];
  /** Every selectable place. */
  regions(): JingjinjiMapRegion[];
  /** The value layer's classes, then the places without a figure (empty without figures). */
  legend(): JingjinjiMapLegendEntry[];
  /** A place's figure, or null. */
  valueFor(id: string): JingjinjiMapValue | null;
  /** The current view as a PNG at twice its size, with the title, key and credit drawn in. */
  toBlob(): Promise<Blob>;
  /** Releases the map: DOM, listeners, observers, frames and wasm memory. Re-adding the element starts it again. */
  destroy(): void;

  addEventListener<K extends keyof JingjinjiMapEventMap>(
    type: K,
    listener: (this: JingjinjiMap, event: JingjinjiMapEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
  removeEventListener<K extends keyof JingjinjiMapEventMap>(
    type: K,
    listener: (this: JingjinjiMap, event: JingjinjiMapEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | EventListenerOptions,
  ): void;
}

/** The wasm module's memory in bytes, or null before it is loaded (for diagnostics and
 *  benchmarks). */
export function wasmMemoryBytes(): number | null;

declare global {
  interface HTMLElementTagNameMap {
    'jingjinji-map': JingjinjiMap;
  }
}
