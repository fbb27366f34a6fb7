/**
 * Measures a Pagefind process's memory over many search parts (issue 17): drives Pagefind's Node API
 * as src/integrations/pagefind.ts does (trimmed pages, 8 in flight, writeFiles, deleteIndex) over
 * `--parts` parts of the same `--pages` pages of a built site, and prints the Pagefind child's RSS,
 * Pss and the part's peak RSS (VmHWM, reset after each part) after each part, for one process kept for every part (`--mode one`), or a
 * process started per part (`--mode per-part`), or one restarted every N parts (`--mode every:N`).
 *
 *   npm exec -- node scripts/pagefind-memory.ts --site DIST --parts 45 --pages 500 --mode one
 */
import { globSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as pagefind from 'pagefind';
import { readTree, treeCpuSeconds } from '../src/bench/measure-build.ts';
import { INDEX_CONFIG, pagefindChildren } from '../src/integrations/pagefind.ts';
import { trimForSearch } from '../src/integrations/pagefind-trim.ts';

const { values } = parseArgs({ options: { site: { type: 'string' }, parts: { type: 'string', default: '45' }, pages: { type: 'string', default: '500' }, mode: { type: 'string', default: 'one' }, out: { type: 'string', default: '/tmp/gongkai-bench-onepct-mem/out' } } });
const site = values.site!;
const paths = globSync('reports/*/index.html', { cwd: site }).sort().slice(0, Number(values.pages));
const pages = paths.map((p) => ({ url: `/${p.replace(/index\.html$/, '')}`, content: trimForSearch(readFileSync(join(site, p), 'utf8')).html }));
const restartEvery = values.mode === 'one' ? Infinity : values.mode === 'per-part' ? 1 : Number(values.mode!.replace('every:', ''));

function mem(pid: number): { rss: number; pss: number; hwm: number } {
  const roll = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (s: string, k: string) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(s)![1]) / 1024;
  return { rss: kb(roll, 'Rss'), pss: kb(roll, 'Pss'), hwm: kb(status, 'VmHWM') };
}
/** The process's own CPU seconds so far. */
const cpu = (pid: number): number => treeCpuSeconds(readTree(pid).filter((p) => p.pid === pid));

console.log(`mode=${values.mode} pages=${pages.length} trimmed_mb=${(pages.reduce((n, p) => n + p.content.length, 0) / 1048576).toFixed(1)}`);
console.log('part\tpid\tafter_write_rss\tafter_write_pss\tafter_delete_rss\tafter_delete_pss\tpart_peak_rss\tchild_cpu_s');
const t0 = Date.now();
for (let part = 1; part <= Number(values.parts); part++) {
  const { index, errors } = await pagefind.createIndex({ ...INDEX_CONFIG, excludeSelectors: [...INDEX_CONFIG.excludeSelectors] });
  if (!index || errors.length) throw new Error(errors.join('; '));
  for (let i = 0; i < pages.length; i += 8) {
    const added = await Promise.all(pages.slice(i, i + 8).map((p) => index.addHTMLFile(p)));
    for (const a of added) if (a.errors.length) throw new Error(a.errors.join('; '));
  }
  rmSync(values.out!, { recursive: true, force: true });
  const w = await index.writeFiles({ outputPath: values.out! });
  if (w.errors.length) throw new Error(w.errors.join('; '));
  const [pid] = pagefindChildren();
  const a = mem(pid!);
  await index.deleteIndex();
  const b = mem(pid!);
  // Resets the peak (VmHWM), so the next part's peak is its own in a process kept across parts.
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
  console.log([part, pid, a.rss, a.pss, b.rss, b.pss, b.hwm, cpu(pid!)].map((x) => (typeof x === 'number' && !Number.isInteger(x) ? x.toFixed(1) : x)).join('\t'));
  if (part % restartEvery === 0) {
    await pagefind.close();
    // Waits for the binary to exit, so the next part's sample sees only the new one.
    while (pagefindChildren().includes(pid!)) await new Promise((r) => setTimeout(r, 20));
  }
}
await pagefind.close();
console.error(`wall ${((Date.now() - t0) / 1000).toFixed(1)} s`);
