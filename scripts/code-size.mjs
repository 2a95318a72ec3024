// The widget's code size as readers download it: each file gzipped at level 9 with zlib (as
// `make bench` measures it), summed, against a budget in bytes. Exits 1 over the budget.
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';

const [budget, ...files] = process.argv.slice(2);
const size = files.reduce((sum, f) => sum + gzipSync(readFileSync(f), { level: 9 }).length, 0);
console.log(`widget code: ${size} bytes gzipped (budget ${budget})`);
process.exit(size <= Number(budget) ? 0 : 1);
