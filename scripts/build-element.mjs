// Builds www/jingjinji-map.js, the one script a page loads: the element and wasm-bindgen's
// generated glue (build/pkg/, from `wasm-pack build`) minified together, with the stylesheet
// minified inside as text, so the shadow root is styled the moment the element connects (no
// second request, no unstyled box, no jump when the stylesheet would arrive).
//
// The wasm's import and export names are minified here too (`wasm-opt
// --minify-imports-and-exports-and-modules`), and the glue renamed to match: wasm-bindgen's
// names carry a 16-digit hash each (`__wbg_fillText_a1b2c3…`), written once in the wasm and
// once in the glue, which gzip cannot shorten.
//
// There are two builds of the crate: the lean one (without the `values` feature) that every
// map loads, its glue bundled into jingjinji-map.js, and the one with the value layer, whose
// glue is jingjinji-map-values.js, a module the element imports only for a map of figures.
//
// `node scripts/build-element.mjs [LEAN_PKG LEAN_WASM VALUES_PKG VALUES_WASM OUT_DIR]` writes
// OUT_DIR/jingjinji-map.js and OUT_DIR/jingjinji-map-values.js (another OUT_DIR: the trap-test
// build, `make site-trap`); each WASM is the module wasm-opt has just written, renamed in place
// (so run this once after each wasm-opt).
import { build, transform } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const [leanPkg = 'build/pkg-lean', leanWasm = 'www/jingjinji-map.wasm', valuesPkg = 'build/pkg',
  valuesWasm = 'www/jingjinji-map-values.wasm', outDir = 'www'] = process.argv.slice(2);

/** The module's imports and exports, in order. */
async function names(file) {
  const module = new WebAssembly.Module(await readFile(file));
  return { imports: WebAssembly.Module.imports(module), exports: WebAssembly.Module.exports(module) };
}

/** Old name → new name for the imports and the exports, once the wasm's are minified in
 *  place. The pass keeps their order, which pairs them up (checked by kind). */
async function minifyNames(file) {
  const before = await names(file);
  execFileSync('wasm-opt', [file, '--minify-imports-and-exports-and-modules', '-o', file,
    '--enable-bulk-memory', '--enable-sign-ext', '--enable-nontrapping-float-to-int',
    '--enable-mutable-globals', '--enable-multivalue', '--enable-reference-types'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const after = await names(file);
  const pair = (a, b, what) => {
    if (a.length !== b.length) throw new Error(`build-element: the ${what} changed in number`);
    return a.map((x, k) => {
      if (x.kind !== b[k].kind) throw new Error(`build-element: ${what} ${x.name} changed kind`);
      return [x, b[k]];
    });
  };
  const imports = pair(before.imports, after.imports, 'imports');
  const modules = new Set(imports.map(([, b]) => b.module));
  if (modules.size !== 1) throw new Error('build-element: the imports are not in one module');
  return { module: [...modules][0], imports, exports: pair(before.exports, after.exports, 'exports') };
}

const escape = (s) => s.replace(/[$]/g, '\\$');

/** The glue with the wasm's `minified` names: its imports object's keys and module name, and
 *  every `wasm.<export>`. Checked: no old name is left. */
function renamed(glue, minified) {
  const moduleKey = '"./jingjinji_map_bg.js": import0';
  if (!glue.includes(moduleKey)) throw new Error('build-element: the glue names no import module');
  glue = glue.replace(moduleKey, `${JSON.stringify(minified.module)}: import0`);
  for (const [old, now] of minified.imports) {
    const key = new RegExp(`(^|[\\s{,])${escape(old.name)}:`, 'm');
    if (!key.test(glue)) throw new Error(`build-element: the glue does not import ${old.name}`);
    glue = glue.replace(key, `$1${now.name}:`);
  }
  for (const [old, now] of minified.exports) {
    glue = glue.replace(new RegExp(`\\bwasm\\.${escape(old.name)}(?![\\w$])`, 'g'), `wasm.${now.name}`);
  }
  const left = minified.imports.find(([old]) => glue.includes(`${old.name}:`));
  if (left) throw new Error(`build-element: ${left[0].name} is still in the glue`);
  return glue;
}

/** The generated glue keeps one wasm instance in its module's scope. Wrapped in a function,
 *  each call makes a fresh scope: after a trap (a panic in Rust), the element's next map
 *  gets a new instance of the compiled module instead of the broken one. The glue's default
 *  wasm URL goes too (the element always names its wasm), so bundlers look for no other. */
function asFactory(glue) {
  const edits = [
    ['export class Widget', 'class Widget'],
    ["module_or_path = new URL('jingjinji_map_bg.wasm', import.meta.url);", "throw new Error('jingjinji-map: no wasm named');"],
    ['export { initSync, __wbg_init as default };', 'return { init: __wbg_init, Widget, memory: () => wasm.memory };'],
  ];
  for (const [from, to] of edits) {
    if (!glue.includes(from)) throw new Error(`build-element: the glue has no \`${from}\` (a new wasm-bindgen?)`);
    glue = glue.replace(from, to);
  }
  if (/^export /m.test(glue)) throw new Error('build-element: the glue exports more than the factory knows');
  return `export function instance() {\n${glue}\n}\n`;
}

/** Resolves the glue (`…/jingjinji_map.js`) to `pkg`'s, as a factory with `minified` names. */
const glueFactory = (pkg, minified) => ({
  name: 'glue-factory',
  setup(b) {
    b.onResolve({ filter: /\/jingjinji_map\.js$/ }, () => ({ path: path.resolve(pkg, 'jingjinji_map.js'), namespace: 'glue' }));
    b.onLoad({ filter: /.*/, namespace: 'glue' }, async (args) => ({
      contents: renamed(asFactory(await readFile(args.path, 'utf8')), minified),
      resolveDir: path.dirname(args.path),
      loader: 'js',
    }));
  },
});

const inlineCss = {
  name: 'inline-css',
  setup(b) {
    b.onLoad({ filter: /\.css$/ }, async (args) => {
      const { code } = await transform(await readFile(args.path, 'utf8'), { loader: 'css', minify: true });
      return { contents: code.trim(), loader: 'text' };
    });
  },
};

// The value layer's attributes, which the element observes: named once, in Rust
// (`ValueSettings::NAMES`), and written into the element as `VALUE_OPTIONS`.
const valueOptions = execFileSync('cargo', ['run', '--quiet', '--example', 'value-options'], { encoding: 'utf8' }).trim();
if (!/^\["[a-z-]+"(,"[a-z-]+")*\]$/.test(valueOptions)) throw new Error(`build-element: value-options printed ${valueOptions}`);

const lean = await minifyNames(leanWasm);
const values = await minifyNames(valuesWasm);
// Nearly every function in both scripts runs as a map loads (most of the glue's imports are
// the calls its first frame makes), so each script starts with V8's explicit compile hint: its
// functions are compiled as it streams in, off the main thread, rather than one by one at
// their first call in the middle of the load (measured: the map drawn about 8 ms sooner on
// the desktop profile). Browsers without the hint read a comment.
const common = {
  bundle: true, minify: true, format: 'esm', target: 'es2022', logLevel: 'warning',
  banner: { js: '//# allFunctionsCalledOnLoad' },
};

await build({
  ...common,
  entryPoints: ['www/jingjinji-map.source.js'],
  outfile: path.join(outDir, 'jingjinji-map.js'),
  plugins: [inlineCss, glueFactory(leanPkg, lean)],
  define: { VALUE_OPTIONS: valueOptions },
  // Imported only for a map of figures, from beside the element.
  external: ['./jingjinji-map-values.js'],
  // The element's own `_underscored` members get short names (`_widget` stays: the browser
  // tests reach the map through it). Never the glue's `__wbg…`/`__wbindgen…` names: they
  // are the wasm module's import and export names, and a renamed one fails to link.
  mangleProps: /^_[^_]/,
  reserveProps: new RegExp(`^(_widget|${[...lean.imports, ...lean.exports].map(([, now]) => now.name).filter((n) => n.startsWith('_')).map(escape).join('|') || '_widget'})$`),
});

await build({
  ...common,
  stdin: { contents: "export { instance } from './jingjinji_map.js';", resolveDir: valuesPkg },
  outfile: path.join(outDir, 'jingjinji-map-values.js'),
  plugins: [glueFactory(valuesPkg, values)],
});
