/**
 * The machine output of `npm run ingest -- <file> --json` (spec §8). A fixed contract other tools
 * depend on: keys, nesting and meaning never change; a cell with no readable number is `null`.
 */
import { TABLE_IDS } from '../form/forms.ts';
import type { MoneyUnit, TableId } from '../form/types.ts';
import type { IngestedReport } from './parse-report.ts';

/** The JSON object printed for one parsed report. */
export interface IngestJson {
  readonly id: string;
  readonly jurisdiction: { readonly code: string; readonly name: string };
  readonly year: number;
  readonly form: string;
  readonly tables: Record<TableId, Record<string, Record<string, number | null>>>;
  readonly units: Record<string, MoneyUnit | null>;
  readonly diagnostics: { readonly rule: string; readonly severity: 'error' | 'warning'; readonly message: string }[];
}

/** Builds the spec §8 object of a parsed report, cells in form order. */
export function buildIngestJson(report: IngestedReport): IngestJson {
  const tables = {} as IngestJson['tables'];
  for (const t of TABLE_IDS) {
    const out: Record<string, Record<string, number | null>> = {};
    for (const row of report.form.tables[t].rows) {
      const cells: Record<string, number | null> = {};
      for (const code of row.columns) cells[code] = report.tables[t][row.code]?.[code]?.value ?? null;
      out[row.code] = cells;
    }
    tables[t] = out;
  }
  return {
    id: report.id,
    jurisdiction: { code: report.jurisdiction.code, name: report.jurisdiction.name },
    year: report.year,
    form: report.form.id,
    tables,
    units: { ...report.units },
    diagnostics: report.diagnostics.map((d) => ({ rule: d.rule, severity: d.severity, message: d.message })),
  };
}
