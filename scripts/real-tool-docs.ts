/**
 * What scripts/make-ingest-corpus.ts and scripts/make-unseen-ingest-docs.ts share: Chromium's and
 * LibreOffice Writer's command lines, a GBK encoder, and counts scaled to four and five digits.
 * Needs chromium and libreoffice-writer-nogui (Debian) when the tools are run.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { ReportValues } from '../src/ingest/fixtures/report-values.ts';
export { encodeGb18030 } from '../src/ingest/fixtures/gbk.ts';

/** Multiplies every count of a generated report by `k` (sums still hold): numbers of four and five digits. */
export function scaleCounts(v: ReportValues, k: number): ReportValues {
  const cells = Object.fromEntries(
    Object.entries(v.cells).map(([t, rows]) => [t, Object.fromEntries(Object.entries(rows).map(([r, cols]) => [r, Object.fromEntries(Object.entries(cols).map(([c, x]) => [c, t === 'active' || x === null ? x : x * k]))]))]),
  ) as ReportValues['cells'];
  return { ...v, cells };
}

/** The values file written beside each document: what every document of that name prints. */
export function formatValuesJson(values: ReportValues): string {
  return `${JSON.stringify({ id: `${values.code}-${values.year}`, form: values.form.id, tables: values.cells, units: values.units }, null, 1)}\n`;
}

/** Runs a tool, failing with its error output; `timeout` in ms. */
function run(cmd: string, args: readonly string[], timeout: number): void {
  execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], timeout });
}

/** Prints an HTML file to PDF with Chromium, headless, without header and footer. */
export function printWithChromium(html: string, pdf: string, timeout = 180_000): void {
  run('chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--no-pdf-header-footer', `--print-to-pdf=${pdf}`, `file://${html}`], timeout);
}

/** Runs LibreOffice headless with its own profile under `work`. */
export function makeSoffice(work: string, timeout = 180_000): (args: readonly string[]) => void {
  const profile = join(work, 'lo-profile');
  return (args) => run('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', ...args], timeout);
}
