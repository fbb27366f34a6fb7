/**
 * The integrations reach the pages' bundle on a real build (src/machinery/registry.ts): the bundle offers
 * its chart planner and its streamed downloads when a page loads (a script the integrations inject),
 * and the test build (tests/global-setup.ts, into a fresh output directory) shows both were used: the
 * pre-render pass planned the charts, and the streamed-downloads integration wrote every site-wide CSV
 * and every yearly cells.csv, byte for byte what /data/ lists.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';

const log = readFileSync(inject('buildLogFile'), 'utf8');
const dist = inject('distDir');

describe('the build registry on a real build', () => {
  it('gives the chart pre-render pass the planner of the pages', () => {
    // Logged only when the pass found the planner, rendered on threads before the pages or on workers
    // beside them (one: "1 thread", "1 worker"); the count may be 0 (an incremental build that
    // renders no page with a chart, as when the scratch build reuses Astro's cache of an earlier one).
    const line = /(\d+) charts: (\d+) in the cache, (\d+) rendered on (\d+) (?:threads?|workers?)/.exec(log);
    expect(line, 'the pre-render pass logged no plan: the pages did not offer their planner').not.toBeNull();
    expect(Number(line![2]) + Number(line![3])).toBeLessThanOrEqual(Number(line![1]));
  });

  it('gives the streamed-downloads integration the files it writes', () => {
    const wrote = log.split('\n').find((l) => /\bwrote .*\/data\/cells\.csv/.test(l));
    expect(wrote, 'the integration wrote no cells.csv: the pages did not offer their streamed downloads').toBeDefined();
    // The descriptor's paths are relative to /data/; the cells resource lists each year's file in `byYear`.
    type Entry = { path: string; bytes: number; hash: string };
    const datapackage = JSON.parse(readFileSync(join(dist, 'data', 'datapackage.json'), 'utf8')) as { resources: (Entry & { name: string; byYear?: Entry[] })[] };
    const cells = datapackage.resources.find((r) => r.name === 'cells');
    expect(cells?.byYear?.length).toBeGreaterThan(0);
    // Every site-wide CSV (reports.csv and the wide tables too, no longer endpoints) and each year's cells.csv.
    expect(datapackage.resources.map((r) => r.path)).toEqual(expect.arrayContaining(['cells.csv', 'reports.csv', 'active.csv', 'requests.csv', 'appeals.csv']));
    for (const entry of [...datapackage.resources, ...cells!.byYear!]) {
      const bytes = readFileSync(join(dist, 'data', entry.path));
      expect(bytes.length, entry.path).toBe(entry.bytes);
      expect(`sha256:${createHash('sha256').update(bytes).digest('hex')}`, entry.path).toBe(entry.hash);
    }
  });
});
