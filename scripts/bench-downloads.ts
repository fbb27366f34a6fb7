/**
 * `node scripts/bench-downloads.ts [--content DIR]`: measures generating every download of a content
 * directory (as one build does, once) and prints one JSON line: reports, seconds to load and to
 * generate, heap growth, the size of each site-wide file and the mean size of a report's files.
 * For a large corpus: `npm run synth -- --reports 1000 --out /tmp/corpus`, then `--content /tmp/corpus`.
 */
import { parseArgs } from 'node:util';
import { buildSiteDownloads } from '../src/downloads/site-downloads.ts';
import { resolveContentDir } from '../src/loaders/content-dir.ts';
import { loadContent } from '../src/loaders/load-content.ts';
import { nodeContentFs } from '../src/loaders/node-fs.ts';

const USAGE = 'usage: node scripts/bench-downloads.ts [--content DIR]';

let dir: string | undefined;
try {
  dir = parseArgs({ options: { content: { type: 'string' } } }).values.content;
} catch (err) {
  console.error(`${(err as Error).message}\n${USAGE}`);
  process.exit(2);
}
const root = resolveContentDir(dir);
const t0 = performance.now();
const content = loadContent(nodeContentFs, root);
const t1 = performance.now();
const heap = process.memoryUsage().heapUsed;
const downloads = buildSiteDownloads(content, 'https://gongkai.example.org/');
const t2 = performance.now();
const mb = (bytes: number): number => Math.round((bytes / 1048576) * 100) / 100;
const reports = [...downloads.reports.values()];
const mean = (pick: (r: (typeof reports)[number]) => number): number => Math.round(reports.reduce((n, r) => n + pick(r), 0) / Math.max(reports.length, 1));
console.log(JSON.stringify({
  bench: 'downloads',
  reports: content.reports.length,
  files: downloads.byPath.size,
  loadSeconds: Math.round(t1 - t0) / 1000,
  generateSeconds: Math.round(t2 - t1) / 1000,
  heapGrowthMb: mb(process.memoryUsage().heapUsed - heap),
  siteFilesMb: Object.fromEntries([...downloads.site, downloads.datapackage].map((f) => [f.path, mb(f.bytes)])),
  meanReportBytes: { active: mean((r) => r.tables.active.bytes), requests: mean((r) => r.tables.requests.bytes), appeals: mean((r) => r.tables.appeals.bytes), cells: mean((r) => r.cells.bytes) },
}));
