/**
 * Shared fixtures of the ingest tests: the real corpus reports with their hand-checked values, the
 * jurisdiction list, and a comparison of parsed cells with expected values. For tests only (reads the disk).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readJurisdictionsCsv, type JurisdictionIndex } from '../jurisdictions/jurisdictions.ts';
import type { MoneyUnit, TableId } from '../form/types.ts';
import type { IngestJson } from './ingest-json.ts';

/** The ids of the five real reports of the corpus. */
export const CORPUS_IDS = ['230000-2020', '230700-2020', '230722-2020', '230881-2020', '231000-2020'] as const;

/** The project root. */
export const PROJECT_DIR = fileURLToPath(new URL('../../', import.meta.url));

/** The committed content directory. */
export const CONTENT_DIR = `${PROJECT_DIR}content`;

/** The hand-checked values of a corpus report, in the shape of the --json output. */
export interface ExpectedJson {
  readonly id: string;
  readonly jurisdiction: { readonly code: string; readonly name: string };
  readonly year: number;
  readonly form: string;
  readonly tables: Record<TableId, Record<string, Record<string, number | null>>>;
  readonly units: Record<string, MoneyUnit | null>;
  readonly rules_failing: readonly string[];
}

/** The raw text of a corpus report. */
export function readCorpusText(id: string): string {
  return readFileSync(`${PROJECT_DIR}src/fixtures/corpus/${id}.txt`, 'utf8');
}

/** The expected values of a corpus report. */
export function readExpected(id: string): ExpectedJson {
  return JSON.parse(readFileSync(`${PROJECT_DIR}src/fixtures/corpus/expected/${id}.json`, 'utf8')) as ExpectedJson;
}

/** The jurisdiction list of the committed content. */
export function readJurisdictions(): JurisdictionIndex {
  return readJurisdictionsCsv(readFileSync(`${CONTENT_DIR}/jurisdictions.csv`, 'utf8'), 'jurisdictions.csv').index;
}

/** Lists every cell where `got` differs from `expected` (as `table.row.column: expected → got`). */
export function listCellMismatches(expected: Pick<ExpectedJson, 'tables'>, got: Pick<IngestJson, 'tables'>): string[] {
  const out: string[] = [];
  for (const [t, rows] of Object.entries(expected.tables) as [TableId, Record<string, Record<string, number | null>>][]) {
    for (const [row, cols] of Object.entries(rows)) {
      for (const [col, want] of Object.entries(cols)) {
        const have = got.tables[t]?.[row]?.[col];
        if (have !== want) out.push(`${t}.${row}.${col}: ${want} → ${have}`);
      }
    }
  }
  return out;
}

/** Counts the cells of an expected report. */
export function countCells(expected: Pick<ExpectedJson, 'tables'>): number {
  return Object.values(expected.tables).reduce((n, rows) => n + Object.values(rows).reduce((m, cols) => m + Object.keys(cols).length, 0), 0);
}
