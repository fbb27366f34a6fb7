/**
 * Changing a report on disk the way an editor would, for the benchmarks that rebuild after a change:
 * a sentence added to its text and one consistent pair of numbers (行政复议 维持 + 1 and its
 * 总计 + 1, so rule T4-A still holds, or stays broken as it was), so its text and its charts change.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Changes the report in `dir` (a `content/reports/<id>` folder), adding `sentence` before its section 五; throws when it has no such section or no numeric cells to change. */
export function changeReportFiles(dir: string, sentence: string): void {
  const md = join(dir, 'index.md');
  const text = readFileSync(md, 'utf8');
  const revised = text.replace(/\n## 五、/, `\n${sentence}\n\n## 五、`);
  if (revised === text) throw new Error(`${md}: no section 五 to add a sentence before`);
  writeFileSync(md, revised);
  const csv = join(dir, 'appeals.csv');
  const lines = readFileSync(csv, 'utf8').split('\n');
  const header = (lines[0] ?? '').split(',');
  const columns = [header.indexOf('upheld'), header.indexOf('total')];
  const i = lines.findIndex((l) => l.startsWith('review,'));
  const fields = (lines[i] ?? '').split(',');
  if (i < 0 || columns.some((k) => k < 0 || !/^\d+$/.test(fields[k] ?? ''))) throw new Error(`${csv}: no numeric review upheld/total cells to change`);
  for (const k of columns) fields[k] = String(Number(fields[k]) + 1);
  lines[i] = fields.join(',');
  writeFileSync(csv, lines.join('\n'));
}
