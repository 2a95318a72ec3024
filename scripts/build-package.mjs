// Assembles the npm package in build/package/ from the built site (`make site`) and packs it
// into build/jingjinji-map-<version>.tgz: the element module (its stylesheet inside), its
// types, the two wasm builds (the value layer's with its glue module, loaded only for a map of
// figures), the default data with its sources, the static pictures and the iframe
// host script. The version is the crate's, so the two never disagree.
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';

const OUT = 'build/package';
const cargo = await readFile('Cargo.toml', 'utf8');
const version = /^version = "([^"]+)"$/m.exec(cargo)?.[1];
if (!version) throw new Error('build-package: no version in Cargo.toml');

await rm(OUT, { recursive: true, force: true });
await mkdir(`${OUT}/data`, { recursive: true });
const files = ['jingjinji-map.js', 'jingjinji-map.d.ts', 'jingjinji-map.wasm', 'jingjinji-map-values.js', 'jingjinji-map-values.wasm', 'jingjinji-map.svg', 'jingjinji-map.zh.svg', 'jingjinji-map.inline.svg', 'jingjinji-map.zh.inline.svg', 'embed-host.js'];
for (const file of files) await cp(`www/${file}`, `${OUT}/${file}`);
for (const file of ['places.geojson', 'policies.json', 'SOURCES.md']) await cp(`data/${file}`, `${OUT}/data/${file}`);
await cp('LICENSE', `${OUT}/LICENSE`);
await cp('docs/npm-README.md', `${OUT}/README.md`);

const manifest = {
  name: 'jingjinji-map',
  version,
  description: 'An interactive, accessible map of the Beijing–Tianjin–Hebei innovation policy, as a custom element (Rust compiled to WebAssembly)',
  license: 'MIT',
  type: 'module',
  main: './jingjinji-map.js',
  module: './jingjinji-map.js',
  types: './jingjinji-map.d.ts',
  // Bundlers (Vite, webpack) find the wasm and the data through `new URL(…, import.meta.url)`
  // in the module; they stay reachable by path for copying by hand (esbuild, plain hosting).
  exports: {
    '.': { types: './jingjinji-map.d.ts', default: './jingjinji-map.js' },
    './jingjinji-map.wasm': './jingjinji-map.wasm',
    './jingjinji-map-values.js': './jingjinji-map-values.js',
    './jingjinji-map-values.wasm': './jingjinji-map-values.wasm',
    './data/*': './data/*',
    './embed-host.js': './embed-host.js',
    './jingjinji-map.svg': './jingjinji-map.svg',
    './jingjinji-map.zh.svg': './jingjinji-map.zh.svg',
    './jingjinji-map.inline.svg': './jingjinji-map.inline.svg',
    './jingjinji-map.zh.inline.svg': './jingjinji-map.zh.inline.svg',
    './package.json': './package.json',
  },
  // Importing the module defines the element: keep it in a bundle even if nothing is used.
  sideEffects: ['./jingjinji-map.js'],
  files: [...files, 'data/'],
  keywords: ['map', 'custom-element', 'web-component', 'webassembly', 'beijing', 'tianjin', 'hebei', 'newsroom'],
};
await writeFile(`${OUT}/package.json`, `${JSON.stringify(manifest, null, 2)}\n`);
execFileSync('npm', ['pack', '--pack-destination', '..', '--loglevel=error'], { cwd: OUT, stdio: ['ignore', 'ignore', 'inherit'] });
console.log(`build/jingjinji-map-${version}.tgz`);
