// The classes simple-statistics (npm, the field's reference for ckmeans, quantiles and equal
// intervals) makes of the fixtures in tests/fixtures/classes.json; writes its answers next to
// them, for tests/classes.rs to hold ours to. `make test` runs it and compares the bytes.
import { readFileSync, writeFileSync } from 'node:fs';
import { ckmeans, quantileSorted, equalIntervalBreaks } from 'simple-statistics';

const [input = 'tests/fixtures/classes.json', output = 'tests/fixtures/classes-oracle.json'] = process.argv.slice(2);
const fixtures = JSON.parse(readFileSync(input, 'utf8'));

/** [least, inner bounds…, greatest] without empty classes, as the map's classes hold them
 *  (the last class, closed, may be a single value). */
const bounds = (sorted, inner) => {
  const [lo, hi] = [sorted[0], sorted[sorted.length - 1]];
  const out = [lo];
  for (const b of inner) if (out[out.length - 1] < b) out.push(b);
  return [...out, hi];
};

const answers = fixtures.map(({ name, values, k: wanted }) => {
  const sorted = [...values].sort((a, b) => a - b);
  const k = Math.max(1, Math.min(wanted, new Set(sorted).size));
  const one = k === 1;
  const clusters = ckmeans(sorted, k);
  return {
    name,
    k,
    ckmeans: bounds(sorted, one ? [] : clusters.slice(1).map((c) => c[0])),
    quantile: bounds(sorted, one ? [] : Array.from({ length: k - 1 }, (_, j) => quantileSorted(sorted, (j + 1) / k))),
    equal: bounds(sorted, one ? [] : equalIntervalBreaks(sorted, k).slice(1, k)),
  };
});
writeFileSync(output, `${JSON.stringify(answers, null, 1)}\n`);
