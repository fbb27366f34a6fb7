/** The list of reports (`/data/reports.csv`): one line per report, columns as declared in fields.ts (REPORT_FIELDS). */
import type { JurisdictionIndex } from '../jurisdictions/jurisdictions.ts';
import { REPORT_SCOPES } from '../reports/front-matter.ts';
import type { CheckedReport } from '../reports/types.ts';
import { FLAG_SEPARATOR } from './cell-flags.ts';
import { writeCsvText, type CsvRow } from './csv-text.ts';
import { REPORT_FIELDS } from './fields.ts';
import { formatAbsoluteUrl, reportPath } from '../site/paths.ts';

/** Builds the line of one report; `site` is the site's address for its page URL. */
export function buildReportRow(report: CheckedReport, jurisdictions: JurisdictionIndex, site: string): CsvRow {
  const { meta } = report;
  const j = jurisdictions.byCode.get(meta.jurisdiction);
  if (!j) throw new Error(`report ${meta.id}: unknown jurisdiction ${meta.jurisdiction}`);
  const failing = report.outcomes.filter((o) => o.status === 'fail').map((o) => o.rule);
  return [
    meta.id,
    j.code,
    j.name,
    j.level,
    j.parent ?? '',
    String(meta.year),
    meta.form,
    meta.scope,
    REPORT_SCOPES[meta.scope],
    meta.title,
    meta.publisher,
    meta.source.url ?? '',
    formatAbsoluteUrl(reportPath(meta.id), site),
    failing.join(FLAG_SEPARATOR),
  ];
}

/** Writes the list of reports, in the given order. */
export function writeReportsCsv(reports: readonly CheckedReport[], jurisdictions: JurisdictionIndex, site: string): string {
  return writeCsvText(REPORT_FIELDS.map((f) => f.name), reports.map((r) => buildReportRow(r, jurisdictions, site)));
}
