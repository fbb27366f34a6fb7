/**
 * Parses the extracted lines of one report into the content model: identity, form version, the
 * three tables, the narrative, and every problem found (cells it could not read, rules the printed
 * numbers break). Pure: the caller reads the file and writes the result.
 */
import { formatCellKey } from '../form/cells.ts';
import { F2019, formForYear, TABLE_IDS } from '../form/forms.ts';
import type { FormSpec, MoneyUnit, TableId } from '../form/types.ts';
import type { Diagnostic } from '../reports/diagnostic.ts';
import { matchesKnownError } from '../checks/known-errors.ts';
import { runRules } from '../checks/run-rules.ts';
import { listRules, type RuleSpec } from '../form/rules.ts';
import type { Jurisdiction, JurisdictionIndex } from '../jurisdictions/jurisdictions.ts';
import type { KnownErrorEntry, Narrative, ParsedReport, ReportScope, TableData } from '../reports/types.ts';
import { tokeniseLines, type Token } from './cell-tokens.ts';
import { detectForm } from './detect-form.ts';
import { findTableRegions } from './find-sections.ts';
import { guessScope, identifyReport } from './identify-report.ts';
import { extractNarrative, extractTitle } from './narrative-text.ts';
import { readGridTable, readRowTable, type Place, type TableReading } from './read-table.ts';
import { formatDisplayText, formatPlainText, type Doubt, type SourceLine } from './source-lines.ts';

/** A report parsed from its text, ready to be written as content or printed as JSON. */
export interface IngestedReport {
  readonly id: string;
  readonly jurisdiction: Jurisdiction;
  readonly year: number;
  readonly form: FormSpec;
  readonly title: string;
  /** Who published it: `<name>人民政府`, or a department's Chinese name (黑龙江省财政厅). */
  readonly publisher: string;
  readonly scope: ReportScope;
  readonly narrative: Narrative;
  readonly tables: { readonly [T in TableId]: TableData };
  /** The unit of every money cell, by dotted cell key. */
  readonly units: Readonly<Record<string, MoneyUnit | null>>;
  /** Where each cell's value was read (in the file diagnostics name), by dotted cell key. */
  readonly places: ReadonlyMap<string, Place>;
  /** Where each cell's printed text starts in source.txt, by dotted cell key (source-lines.csv). */
  readonly sources: ReadonlyMap<string, Place>;
  /** Problems found while reading (cells, rows) and rule failures of the printed numbers. */
  readonly diagnostics: readonly Diagnostic[];
  /** Rule failures already checked and recorded in known-errors.yaml: not problems, named for the log. */
  readonly known: readonly KnownErrorEntry[];
}

/** A parsed report, or the errors that stopped parsing. */
export type IngestResult = { readonly ok: true; readonly report: IngestedReport } | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** Builds a ParsedReport (the shape the rules and the writer take) from an ingested report. */
export function toParsedReport(r: Omit<IngestedReport, 'diagnostics' | 'known' | 'places' | 'sources' | 'units' | 'publisher'>, publisher: string, sourceFile: string): Omit<ParsedReport, 'dir'> {
  return {
    meta: { id: r.id, jurisdiction: r.jurisdiction.code, year: r.year, form: r.form.id, scope: r.scope, title: r.title, publisher, source: { file: sourceFile, url: null, note: null } },
    form: r.form,
    tables: r.tables,
    narrative: r.narrative,
    sourceLines: new Map(),
  };
}

/** Lists the units of the money cells of a form as read. */
function listUnits(form: FormSpec, tables: IngestedReport['tables']): Record<string, MoneyUnit | null> {
  const units: Record<string, MoneyUnit | null> = {};
  for (const t of TABLE_IDS) {
    for (const row of form.tables[t].rows) {
      for (const code of row.columns) {
        const col = form.tables[t].columns.find((c) => c.code === code);
        if (col?.kind !== 'money') continue;
        const cell = tables[t][row.code]?.[code];
        units[formatCellKey({ table: t, row: row.code, column: code })] = cell?.value === null ? (col.fixedUnit ?? null) : (cell?.unit ?? null);
      }
    }
  }
  return units;
}

/** What the caller tells the parser: the slug of a department not declared in src/publishers (--agency), and the known errors on file. */
export interface ParseOptions {
  readonly agencySlug?: string;
  /** The entries of content/known-errors.yaml: a rule failure recorded there exactly is not a problem. */
  readonly knownErrors?: readonly KnownErrorEntry[];
}

/** The cells of the check of rule `id` at `at` (a passing check lists none): this year's terms of a sum rule. */
function listCheckCells(rules: readonly RuleSpec[], id: string, at: string): string[] {
  const rule = rules.find((r) => r.id === id);
  if (!rule || rule.kind !== 'sum') return [];
  return [...rule.left, ...rule.right].filter((t) => t.year === 0).map((t) => (rule.each === 'column' ? `${rule.table}.${t.code}.${at}` : `${rule.table}.${at}.${t.code}`));
}

/** Parses the extracted lines of a report; `file` names the input in diagnostics. */
export function parseReportLines(file: string, lines: readonly SourceLine[], jurisdictions: JurisdictionIndex, options: ParseOptions = {}): IngestResult {
  const text = formatPlainText(lines);
  const display = formatDisplayText(lines);
  const plain = text.split('\n');
  const fail = (line: number, column: number, rule: string, message: string, hint: string): IngestResult => ({ ok: false, diagnostics: [{ file, line, column, severity: 'error', rule, message, hint }] });
  const diagnostics0: Diagnostic[] = [];
  const pos = (i: number): Place => ({ line: lines[i]?.spans[0]?.line ?? i + 1, col: lines[i]?.spans[0]?.col ?? 1 });

  const id = identifyReport(plain, jurisdictions, options.agencySlug);
  if (!id.ok) return fail(pos(id.line - 1).line, 1, id.rule, id.message, id.hint);
  const titleAt = pos(id.line - 1);
  if (id.agency && !id.agency.declared) {
    diagnostics0.push({ file, line: titleAt.line, column: titleAt.col, severity: 'warning', rule: 'undeclared-department', message: `${id.jurisdiction.name}${id.agency.name} is not a department kind of src/publishers/agencies.ts: accepted with the slug given, “${id.agency.slug}”`, hint: 'declare the department in src/publishers/agencies.ts so its reports are grouped with its peers' });
  }
  if (id.agency && options.agencySlug && id.agency.slug !== options.agencySlug) {
    diagnostics0.push({ file, line: titleAt.line, column: titleAt.col, severity: 'warning', rule: 'agency-slug', message: `the title names ${id.agency.name}, a declared department with slug “${id.agency.slug}”: --agency ${options.agencySlug} is not used`, hint: 'leave out --agency for departments declared in src/publishers/agencies.ts' });
  }

  const { regions, missing } = findTableRegions(lines, F2019);
  if (missing.length) {
    const names = missing.map((t) => `table ${F2019.tables[t].section} (${F2019.tables[t].title})`).join(', ');
    return fail(lines.length ? pos(lines.length - 1).line : 1, 0, 'missing-table', `${names} not found: no heading naming it (e.g. “${F2019.tables[missing[0]!].section}、${F2019.tables[missing[0]!].title}”)`, 'check that the file is a complete annual report; a section heading must start with its number and name the table');
  }
  const tokens = new Map<TableId, Token[]>(regions.map((r) => [r.table, tokeniseLines(lines.slice(r.start, r.end), r.start)]));
  const labelText = ['active', 'requests'].flatMap((t) => (tokens.get(t as TableId) ?? []).filter((k) => !k.cell).map((k) => k.text)).join('');
  const detection = detectForm(labelText);
  const activeAt = regions.find((r) => r.table === 'active')!;
  if (!detection.ok) return fail(pos(activeAt.heading).line, 1, 'unknown-form', detection.message, 'only the national forms F2019 (国办公开办函〔2019〕60号) and F2021 (国办公开办函〔2021〕30号) are known; a new layout needs declaring in src/form/forms.ts first');
  const form = detection.form;

  const readings = new Map<TableId, TableReading>();
  for (const region of regions) {
    const spec = form.tables[region.table];
    const read = spec.id === 'appeals' ? readGridTable : readRowTable;
    readings.set(region.table, read(tokens.get(region.table) ?? [], spec, pos(region.heading)));
  }
  const tables = { active: readings.get('active')!.data, requests: readings.get('requests')!.data, appeals: readings.get('appeals')!.data };
  const places = new Map<string, Place>();
  const sources = new Map<string, Place>();
  const doubtful = new Map<string, Doubt>();
  const diagnostics: Diagnostic[] = [...diagnostics0];
  for (const [t, reading] of readings) {
    for (const [key, place] of reading.places) places.set(`${t}.${key}`, place);
    for (const [key, place] of reading.sources) sources.set(`${t}.${key}`, place);
    for (const [key, why] of reading.doubtful) doubtful.set(`${t}.${key}`, why);
    for (const { place, problem } of reading.problems) diagnostics.push({ file, line: place.line, column: place.col, ...problem });
  }
  if (formForYear(id.year) !== form.id) {
    diagnostics.push({ file, line: pos(activeAt.heading).line, column: 1, severity: 'warning', rule: 'form-year', message: `a ${id.year} report printed on form ${form.id}: reports for ${id.year} normally use ${formForYear(id.year)}`, hint: 'the form is read from the table labels and kept as printed; check the report if this is unexpected' });
  }

  const report = {
    id: id.agency ? `${id.jurisdiction.code}-${id.agency.slug}-${id.year}` : `${id.jurisdiction.code}-${id.year}`,
    jurisdiction: id.jurisdiction,
    year: id.year,
    form,
    title: extractTitle(display),
    publisher: id.agency ? `${id.jurisdiction.name}${id.agency.name}` : `${id.jurisdiction.name}人民政府`,
    scope: id.agency ? ('self' as const) : guessScope(plain.slice(0, activeAt.heading).join('\n')),
    narrative: extractNarrative(display),
    tables,
  };
  // A cell read from pieces matched by their place alone (Doubt.confirm) is published only when the form's
  // sums confirm it: at least two rules (its row's and its column's) hold with it and none fails. Each cell
  // not confirmed is taken out and the sums run again, so no cell is confirmed by another one not published.
  const rules = listRules(form);
  const unconfirmed = new Set<string>();
  const toConfirm = [...doubtful].filter(([, d]) => d.confirm).map(([key]) => key);
  for (let changed = toConfirm.length > 0; changed; ) {
    changed = false;
    const confirmedBy = new Map<string, Set<string>>();
    const broken = new Set<string>();
    for (const outcome of runRules({ ...toParsedReport(report, '', ''), dir: '' }, null)) {
      for (const check of outcome.checks) {
        if (check.status === 'fail') for (const t of check.terms) broken.add(t.key);
        if (check.status !== 'pass') continue;
        for (const key of listCheckCells(rules, check.rule, check.at)) confirmedBy.set(key, (confirmedBy.get(key) ?? new Set()).add(check.rule));
      }
    }
    for (const key of toConfirm) {
      if (unconfirmed.has(key) || (!broken.has(key) && (confirmedBy.get(key)?.size ?? 0) >= 2)) continue;
      const [t, row, column] = key.split('.') as [TableId, string, string];
      const cell = tables[t][row]?.[column];
      if (!cell || cell.value === null) continue;
      const place = places.get(key) ?? pos(activeAt.heading);
      const doubt = doubtful.get(key)!;
      diagnostics.push({ file, line: place.line, column: place.col, severity: 'error', rule: 'doubtful-cell', message: `${key} would be ${cell.raw}: ${doubt.why}; the form's sums ${broken.has(key) ? 'do not hold with that reading' : 'do not confirm it (fewer than two of them, its row’s and its column’s, can be checked with it)'}, so the cell is not published: it is kept as printed (“${doubt.printed}”), with no value`, hint: 'check the cell in the published file and enter it in the table CSV (see content/README.md), or ingest the report’s HTML page or Word file instead' });
      tables[t][row]![column] = { value: null, raw: doubt.printed, unit: null };
      unconfirmed.add(key);
      changed = true;
    }
  }
  const outcomes = runRules({ ...toParsedReport(report, '', ''), dir: '' }, null);
  const failing = outcomes.flatMap((o) => o.checks.filter((c) => c.status === 'fail'));
  // A cell whose place is doubtful is trusted while the form's sums hold; one that breaks a sum is not published.
  const doubted = new Set<string>();
  for (const check of failing) for (const t of check.terms) if (doubtful.has(t.key) && !unconfirmed.has(t.key)) doubted.add(t.key);
  for (const key of doubted) {
    const [t, row, column] = key.split('.') as [TableId, string, string];
    const cell = tables[t][row]?.[column];
    const place = places.get(key) ?? pos(activeAt.heading);
    const doubt = doubtful.get(key)!;
    diagnostics.push({ file, line: place.line, column: place.col, severity: 'error', rule: 'doubtful-cell', message: `${key} was read as ${cell?.raw ?? '?'}, but ${doubt.why}; with that reading the form's sums do not hold, so the cell is not published: it is kept as printed (“${doubt.printed}”), with no value`, hint: 'check the cell in the published file and enter the right reading in the table CSV (see content/README.md), or ingest the report’s HTML page or Word file instead' });
    if (cell) tables[t][row]![column] = { value: null, raw: doubt.printed, unit: null };
  }
  // A failure recorded in known-errors.yaml for this report, at exactly these places, was checked against the
  // published file: it is kept as printed and flagged on the site, not a problem of this ingest. A doubtful
  // cell among its terms makes it a new reading, so it is never covered by the entry.
  const known: KnownErrorEntry[] = [];
  for (const outcome of outcomes) {
    if (outcome.status !== 'fail' || outcome.checks.some((c) => c.status === 'fail' && c.terms.some((t) => doubted.has(t.key)))) continue;
    const entry = options.knownErrors?.find((e) => e.report === report.id && matchesKnownError(e, outcome));
    if (entry) known.push(entry);
  }
  for (const check of failing) {
    if (check.terms.some((t) => doubted.has(t.key)) || known.some((e) => e.rule === check.rule)) continue;
    const place = places.get(check.terms[0]?.key ?? '') ?? pos(activeAt.heading);
    diagnostics.push({ file, line: place.line, column: place.col, severity: check.severity, rule: check.rule, message: `at ${check.at}: ${check.message}`, hint: 'the report is kept as printed; if the published report prints these numbers, record the failure in content/known-errors.yaml' });
  }
  return { ok: true, report: { ...report, units: listUnits(form, tables), places, sources, diagnostics, known } };
}
