/** Reads a report's kept source text (source.txt) from the content directory, for the page that shows it. */
import { join } from 'node:path';
import type { ParsedReport } from '../reports/types.ts';
import { resolveContentDir } from './content-dir.ts';
import { nodeContentFs } from './node-fs.ts';

/** The text of a report's source file; throws when it is gone (the loader has checked it was there). */
export function readReportSourceText(report: ParsedReport): string {
  const file = join(resolveContentDir(), report.dir, report.meta.source.file);
  const text = nodeContentFs.readText(file);
  if (text === undefined) throw new Error(`${file}: the report's source text is missing (it was there when the content was loaded)`);
  return text;
}
