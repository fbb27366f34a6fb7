/**
 * Generates a synthetic corpus in the content format (content/README.md), one report at a time so
 * 20,000 reports never sit in memory together. Deliberate inconsistencies are listed in
 * synth-manifest.json, not in known-errors.yaml: they are meant to show as findings.
 */
import { cellColumn } from '../form/cells.ts';
import { FORM_BY_ID, formForYear } from '../form/forms.ts';
import { listRules, RULE_IDS, type RuleId, type Severity } from '../form/rules.ts';
import type { FormSpec, TableId } from '../form/types.ts';
import { CONTENT_FILES } from '../reports/layout.ts';
import type { Cell, ParsedReport, ReportScope, TableData } from '../reports/types.ts';
import { writeReportFiles } from '../ingest/write-report.ts';
import { makeCell } from '../tables/cell-text.ts';
import { applyReportBreak } from './breaks.ts';
import { formatSynthId, SYNTH_YEARS, type SynthPlan } from './plan.ts';
import { createKeyedRng, drawItem } from './prng.ts';
import { BALANCE_ROWS, createSeriesState, drawSeriesProfile, drawYearTables, type SynthTables } from './tables.ts';
import { buildSynthMeta, buildSynthNarrative, buildSynthSource } from './text.ts';

/** A rule a synthetic report breaks on purpose, and where, as the validator lists the failing places. */
export interface DeliberateInconsistency {
  readonly report: string;
  readonly rule: RuleId;
  readonly severity: Severity;
  readonly at: readonly string[];
}

/** One generated report with its raw source text. */
export interface SynthReport {
  readonly report: Omit<ParsedReport, 'dir'>;
  readonly source: string;
  readonly deliberate: DeliberateInconsistency | null;
}

/** The manifest of a synthetic corpus: what it holds and which reports break which rule on purpose. */
export interface SynthManifest {
  readonly synthetic: true;
  readonly generator: string;
  readonly seed: number;
  readonly reports: number;
  readonly inconsistentShare: number;
  readonly counts: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly deliberate: readonly DeliberateInconsistency[];
}

/** The files a synthetic corpus adds beside the content files. */
export const SYNTH_FILES = { manifest: 'synth-manifest.json', readme: 'SYNTHETIC.md' } as const;

/** Turns a numeric table into cells, in form order, with each money cell's unit. */
function buildTableData(form: FormSpec, table: TableId, tables: SynthTables): TableData {
  return Object.fromEntries(
    form.tables[table].rows.map((row) => {
      const cells: Record<string, Cell> = {};
      for (const column of row.columns) {
        const value = tables[table][row.code]?.[column];
        if (value === undefined) throw new Error(`synth: no number drawn for ${table}.${row.code}.${column}`);
        cells[column] = makeCell(value, cellColumn(form, { table, row: row.code, column }), { unit: tables.units[`${table}.${row.code}.${column}`] ?? null });
      }
      return [row.code, cells];
    }),
  );
}

/** Generates every report of a plan, series by series, each year drawn from the year before. */
export function* generateSynthReports(plan: SynthPlan): Generator<SynthReport> {
  const { seed } = plan.options;
  for (const series of plan.series) {
    const rng = createKeyedRng(seed, 'series', series.series);
    const profile = drawSeriesProfile(rng, series.jurisdiction.level, series.agency !== null);
    const scope = drawItem<ReportScope>(rng, ['government', 'government', 'government', 'jurisdiction']);
    const state = createSeriesState();
    const last = series.years[series.years.length - 1] ?? 0;
    for (const year of SYNTH_YEARS.filter((y) => y <= last)) {
      const form = FORM_BY_ID[formForYear(year)];
      const id = formatSynthId(series.series, year);
      const rule = plan.breaks.get(id) ?? null;
      const chain = rule === 'X-1' || rule === 'X-2' ? rule : null;
      const drawn = drawYearTables(rng, form, profile, state, year, chain);
      if (!series.years.includes(year)) continue;
      const at = rule && !chain ? applyReportBreak(createKeyedRng(seed, 'break', id), form, rule, drawn.tables) : drawn.at;
      const t = drawn.tables;
      const tables = { active: buildTableData(form, 'active', t), requests: buildTableData(form, 'requests', t), appeals: buildTableData(form, 'appeals', t) };
      const figures = { received: t.requests[BALANCE_ROWS.received]?.total ?? 0, granted: t.requests.granted?.total ?? 0 };
      const narrative = buildSynthNarrative(createKeyedRng(seed, 'text', id), series, year, figures);
      const report = { meta: buildSynthMeta(series, year, form, seed, scope), form, tables, narrative, sourceLines: new Map() };
      const severity = listRules(form).find((r) => r.id === rule)?.severity ?? 'error';
      yield { report, source: buildSynthSource(form, report), deliberate: rule ? { report: id, rule, severity, at } : null };
    }
  }
}

/** Counts a value into a tally. */
function tally(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/** Builds the manifest once every report has been generated. */
export function buildSynthManifest(plan: SynthPlan, reports: readonly Pick<ParsedReport, 'meta'>[], deliberate: readonly DeliberateInconsistency[]): SynthManifest {
  const counts: Record<string, Record<string, number>> = { kind: {}, form: {}, year: {}, rule: {} };
  for (const { meta } of reports) {
    tally(counts.kind!, meta.scope === 'self' ? 'department' : 'government');
    tally(counts.form!, meta.form);
    tally(counts.year!, String(meta.year));
  }
  for (const d of deliberate) tally(counts.rule!, d.rule);
  const rank = (key: string): number => (RULE_IDS as readonly string[]).indexOf(key);
  for (const [name, map] of Object.entries(counts)) {
    const keys = Object.keys(map).sort((a, b) => (name === 'rule' ? rank(a) - rank(b) : a < b ? -1 : a > b ? 1 : 0));
    counts[name] = Object.fromEntries(keys.map((k) => [k, map[k] ?? 0]));
  }
  const sorted = [...deliberate].sort((a, b) => (a.report < b.report ? -1 : a.report > b.report ? 1 : a.rule < b.rule ? -1 : 1));
  return { synthetic: true, generator: 'scripts/synth.ts', seed: plan.options.seed, reports: reports.length, inconsistentShare: plan.options.inconsistentShare, counts, deliberate: sorted };
}

/** Formats the manifest as JSON with one deliberate inconsistency per line. */
export function writeSynthManifest(m: SynthManifest): string {
  const head = JSON.stringify({ ...m, deliberate: undefined }, null, 2).replace(/\n}$/, '');
  const rows = m.deliberate.map((d) => `    ${JSON.stringify(d)}`).join(',\n');
  return `${head},\n  "deliberate": [${rows ? `\n${rows}\n  ` : ''}]\n}\n`;
}

/** Writes the notice that marks a directory as a synthetic corpus. */
export function writeSynthReadme(m: SynthManifest): string {
  const rules = Object.entries(m.counts.rule ?? {}).map(([rule, n]) => `| ${rule} | ${n} |`).join('\n');
  return `# 合成数据 — synthetic corpus, not real reports

Every report in this directory was generated by \`scripts/synth.ts\` (seed ${m.seed}) for tests and
benchmarks. No government body published any of them; the numbers describe no real body. Never copy
this directory, or any part of it, into the project's \`content/\`.

- ${m.reports} reports: ${m.counts.kind?.government ?? 0} government, ${m.counts.kind?.department ?? 0} department;
  ${Object.entries(m.counts.form ?? {}).map(([f, n]) => `${n} on ${f}`).join(', ')}.
- ${m.deliberate.length} reports break one consistency rule on purpose (share ${m.inconsistentShare}); they are listed
  in \`${SYNTH_FILES.manifest}\` with the places where the rule fails, and deliberately *not* in
  \`${CONTENT_FILES.knownErrors}\`, so the validator reports them as findings.

| rule | reports |
|---|---|
${rules}
`;
}

/** The known-errors file of a synthetic corpus: an empty list, and why. */
export const SYNTH_KNOWN_ERRORS = `# Synthetic corpus: no known errors. The deliberate inconsistencies are listed in ${SYNTH_FILES.manifest}
# and left out of this file on purpose, so that the validator reports them as findings.
[]
`;

/** One file of a corpus directory: its path relative to the directory, and its text. */
export interface SynthFile {
  readonly path: string;
  readonly text: string;
}

/** Generates every file of a corpus directory; the manifest comes last, once all reports are drawn. */
export function* generateSynthFiles(plan: SynthPlan, jurisdictionsCsv: string): Generator<SynthFile> {
  yield { path: CONTENT_FILES.jurisdictions, text: jurisdictionsCsv };
  yield { path: CONTENT_FILES.knownErrors, text: SYNTH_KNOWN_ERRORS };
  const metas: Pick<ParsedReport, 'meta'>[] = [];
  const deliberate: DeliberateInconsistency[] = [];
  for (const r of generateSynthReports(plan)) {
    metas.push({ meta: r.report.meta });
    if (r.deliberate) deliberate.push(r.deliberate);
    for (const [name, text] of Object.entries(writeReportFiles(r.report, r.source))) {
      yield { path: `${CONTENT_FILES.reports}/${r.report.meta.id}/${name}`, text };
    }
  }
  const manifest = buildSynthManifest(plan, metas, deliberate);
  yield { path: SYNTH_FILES.readme, text: writeSynthReadme(manifest) };
  yield { path: SYNTH_FILES.manifest, text: writeSynthManifest(manifest) };
}
