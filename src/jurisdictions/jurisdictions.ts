/** The jurisdictions (GB/T 2260): province, prefectures, counties, and how they nest. */
import Papa from 'papaparse';
import type { Diagnostic } from '../reports/diagnostic.ts';

/** The three levels of government the site covers, from the top. */
export const LEVELS = ['province', 'prefecture', 'county'] as const;
export type Level = (typeof LEVELS)[number];

/** Chinese names of the levels. */
export const LEVEL_LABELS: Readonly<Record<Level, string>> = { province: '省级', prefecture: '地市级', county: '县级' };

/** One jurisdiction. */
export interface Jurisdiction {
  readonly code: string;
  readonly name: string;
  readonly level: Level;
  readonly parent: string | null;
}

/** All jurisdictions by code, with lookups along the hierarchy. */
export interface JurisdictionIndex {
  readonly all: readonly Jurisdiction[];
  readonly byCode: ReadonlyMap<string, Jurisdiction>;
}


/** Reads content/jurisdictions.csv (`code,name,level,parent_code`), collecting every problem. */
export function readJurisdictionsCsv(text: string, file: string): { index: JurisdictionIndex; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const rows = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { header: false, skipEmptyLines: true }).data;
  const header = rows[0]?.join(',');
  if (header !== 'code,name,level,parent_code') {
    diagnostics.push({ file, line: 1, column: 1, severity: 'error', rule: 'bad-header', message: `the header must be code,name,level,parent_code, found “${header ?? ''}”`, hint: 'restore the header line' });
  }
  const all: Jurisdiction[] = [];
  rows.slice(1).forEach((r, i) => {
    const [code = '', name = '', level = '', parent = ''] = r;
    const line = i + 2;
    if (!/^\d{6}$/.test(code)) diagnostics.push({ file, line, column: 1, severity: 'error', rule: 'bad-jurisdiction', message: `“${code}” is not a six-digit GB/T 2260 code`, hint: 'write the six-digit code' });
    if (!(LEVELS as readonly string[]).includes(level)) diagnostics.push({ file, line, column: 0, severity: 'error', rule: 'bad-jurisdiction', message: `level “${level}” is not one of ${LEVELS.join(', ')}`, hint: 'write province, prefecture or county' });
    all.push({ code, name, level: level as Level, parent: parent || null });
  });
  const byCode = new Map(all.map((j) => [j.code, j]));
  all.forEach((j, i) => {
    if (j.parent && !byCode.has(j.parent)) diagnostics.push({ file, line: i + 2, column: 0, severity: 'error', rule: 'bad-jurisdiction', message: `parent code ${j.parent} of ${j.name} is not in the list`, hint: 'add the parent or correct the code' });
  });
  return { index: { all, byCode }, diagnostics };
}

/** The chain of parents of a jurisdiction, nearest first (同江市 → [佳木斯市, 黑龙江省]). */
export function listAncestors(index: JurisdictionIndex, code: string): Jurisdiction[] {
  const out: Jurisdiction[] = [];
  let parent = index.byCode.get(code)?.parent ?? null;
  while (parent) {
    const j = index.byCode.get(parent);
    if (!j || out.includes(j)) break;
    out.push(j);
    parent = j.parent;
  }
  return out;
}

/** The direct children of a jurisdiction, in list order. */
export function listChildren(index: JurisdictionIndex, code: string): Jurisdiction[] {
  return index.all.filter((j) => j.parent === code);
}
