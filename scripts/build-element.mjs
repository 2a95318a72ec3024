// Builds www/jingjinji-map.js, the one script a page loads: the element and wasm-bindgen's
// generated glue (build/pkg/, from `wasm-pack build`) minified together, with the stylesheet
// minified inside as text, so the shadow root is styled the moment the element connects (no
// second request, no unstyled box, no jump when the stylesheet would arrive).
import { build, transform } from 'esbuild';
import { readFile } from 'node:fs/promises';

const inlineCss = {
  name: 'inline-css',
  setup(b) {
    b.onLoad({ filter: /\.css$/ }, async (args) => {
      const { code } = await transform(await readFile(args.path, 'utf8'), { loader: 'css', minify: true });
      return { contents: code.trim(), loader: 'text' };
    });
  },
};

await build({
  entryPoints: ['www/jingjinji-map.source.js'],
  outfile: 'www/jingjinji-map.js',
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  logLevel: 'warning',
  plugins: [inlineCss],
  // The element's own `_underscored` members get short names (`_widget` stays: the browser
  // tests reach the map through it). Never the glue's `__wbg…`/`__wbindgen…` names: they
  // are the wasm module's import and export names, and a renamed one fails to link.
  mangleProps: /^_[^_]/,
  reserveProps: /^_widget$/,
});
