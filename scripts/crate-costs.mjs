// What each crate costs in the shipped wasm: `twiggy top` of the module with its names kept
// (`make size-report` writes build/named.wasm), each item's bytes counted to the first crate
// its name mentions (generic code is counted to the crate that defines it: serde_json's
// parsing of our types is serde_json's; a generic run on one of our closures is ours).
// Imports, exports, data and the glue's shims are
// counted apart. Prints raw bytes per crate, largest first.
import { execFileSync } from 'node:child_process';

const [file = 'build/named.wasm'] = process.argv.slice(2);
const csv = execFileSync('twiggy', ['top', '-n', '100000', '-f', 'csv', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
const totals = new Map();
let all = 0;
for (const line of csv.split('\n').slice(1)) {
  const m = /^"?(.*?)"?,(\d+),/.exec(line);
  if (!m) continue;
  const [, name, bytes] = m;
  if (name.includes('function names') || name.startsWith('Σ')) continue;
  // A generic function run on one of our closures (`future_to_promise::<…Widget::load…>`)
  // is our closure's code, inlined: counted to us.
  const ours = /jingjinji_map\[[0-9a-f]+\]::.*\{closure/.test(name) ? 'jingjinji_map' : null;
  const crate = ours ?? /([a-z_][a-z0-9_]*)\[[0-9a-f]+\]::/.exec(name)?.[1]
    ?? (name.startsWith('data segment') ? '(data)' : name.startsWith('import ') ? '(imports)' : name.startsWith('export ') ? '(exports)' : '(other: shims, tables, types)');
  totals.set(crate, (totals.get(crate) || 0) + Number(bytes));
  all += Number(bytes);
}
for (const [crate, bytes] of [...totals].sort((a, b) => b[1] - a[1])) {
  console.log(`${String(bytes).padStart(8)}  ${(100 * bytes / all).toFixed(1).padStart(5)} %  ${crate}`);
}
console.log(`${String(all).padStart(8)}  100.0 %  in all (raw bytes, names excluded)`);
