/**
 * Loads and checks a whole content directory: jurisdictions, every report's front matter, tables
 * and narrative, the consistency rules, and the known source errors. Pure: file access is passed in.
 * Collects every problem before returning, so a maintainer sees them all at once.
 */
import { createHash } from 'node:crypto';
import { findForm, formForYear, TABLE_IDS } from '../form/forms.ts';
import { listAllRules } from '../form/rules.ts';
import type { TableId } from '../form/types.ts';
import type { Diagnostic } from '../reports/diagnostic.ts';
import { matchesKnownError, readKnownErrors } from '../checks/known-errors.ts';
import { runRules } from '../checks/run-rules.ts';
import { readJurisdictionsCsv, type JurisdictionIndex } from '../jurisdictions/jurisdictions.ts';
import { readFrontMatter } from '../reports/front-matter.ts';
import { CONTENT_FILES, REPORT_FILES } from '../reports/layout.ts';
import { readNarrative } from '../reports/narrative.ts';
import { readSourceLinesCsv, SourcePlaceMap } from '../reports/source-lines-csv.ts';
import { seriesOf } from '../reports/report-id.ts';
import type { Cell, CheckedReport, KnownErrorEntry, ParsedReport, RuleCheck, SourcePlace, TableData } from '../reports/types.ts';
import { createCellInterner, readTableCsv, type CellInterner } from '../tables/table-csv.ts';
import { digestBytes, folderKey } from './folder-key.ts';

/** The file access the loader needs; paths are joined with `/`. */
export interface ContentFs {
  /** The file's text, or undefined when there is no such file. */
  readText(path: string): string | undefined;
  /** The names of the sub-directories of a directory (empty when it does not exist). */
  listDirs(path: string): string[];
  /** Whether a file exists (without reading it). */
  exists(path: string): boolean;
  /** The file's bytes, or undefined when there is no such file: needed only by a content memo (its keys hash the files' bytes). */
  readBytes?(path: string): Uint8Array | undefined;
}

/**
 * A memo of each report folder as read (front matter, tables, narrative, source lines, and its
 * diagnostics), kept across builds (src/machinery/content-memo.ts): an entry is JSON text by the
 * report folder's name, trusted only when its key (the hash of the folder's files, the jurisdiction
 * list and the entry's format) is the one the files give now.
 */
export interface ContentMemo {
  read(name: string): string | undefined;
  write(name: string, text: string): void;
}

/** What was read ahead of the loader of one report folder (src/machinery/content-prefetch.ts). */
export interface PrefetchedFolder {
  readonly dir: string;
  /** The folder's memo key (folder-key.ts). */
  readonly key: string;
  /** Its memo entry's text (ContentMemo.read), or undefined when there is none. */
  readonly text: string | undefined;
  /** The source file its entry's header names and that file's digest (digestBytes), when the entry has a readable header. */
  readonly source?: { readonly file: string; readonly digest: string | null };
}

/** The folders read ahead, in order: `take(dir)` gives the next folder's, or undefined when it was not read (read it here); `close` stops the reading. */
export interface ContentPrefetch {
  take(dir: string): PrefetchedFolder | undefined;
  close(): void;
}

/** Everything the site is built from. */
export interface LoadedContent {
  readonly jurisdictions: JurisdictionIndex;
  /** Checked reports, sorted by id. */
  readonly reports: readonly CheckedReport[];
  readonly knownErrors: readonly KnownErrorEntry[];
  /** Problems in the content itself (malformed files, stale known errors): these fail the build. */
  readonly errors: readonly Diagnostic[];
  /** Rule failures and warnings not explained by a known-error entry: published with a flag. */
  readonly findings: readonly Diagnostic[];
  /** Rule failures explained by a known-error entry. */
  readonly known: readonly Diagnostic[];
}

/** Where a cell stands: its CSV file, line and column. */
interface CellPosition {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** Reads one report folder; returns the parsed report, or null with diagnostics. */
function readReport(
  fs: ContentFs,
  root: string,
  dir: string,
  jurisdictions: JurisdictionIndex,
  intern: CellInterner,
): { id: string | null; report: ParsedReport | null; diagnostics: Diagnostic[] } {
  const base = `${root}/${CONTENT_FILES.reports}/${dir}`;
  const file = `${base}/${REPORT_FILES.text}`;
  const text = fs.readText(file);
  if (text === undefined) {
    return { id: null, report: null, diagnostics: [{ file: base, line: 0, column: 0, severity: 'error', rule: 'missing-file', message: `report folder has no ${REPORT_FILES.text}`, hint: 'add the report text with its front matter, or remove the folder' }] };
  }
  const fm = readFrontMatter(text, file, (code) => jurisdictions.byCode.has(code));
  const diagnostics = [...fm.diagnostics];
  const meta = fm.meta;
  if (!meta) return { id: null, report: null, diagnostics };
  if (meta.id !== dir) {
    diagnostics.push({ file, line: 2, column: 1, severity: 'error', rule: 'bad-id', message: `report id “${meta.id}” differs from its folder name “${dir}”`, hint: `rename the folder to ${meta.id} or correct the id` });
  }
  const sourceText = fs.readText(`${base}/${meta.source.file}`);
  if (sourceText === undefined) {
    diagnostics.push({ file, line: 1, column: 1, severity: 'error', rule: 'missing-source', message: `source file “${meta.source.file}” is not in the report folder`, hint: 'keep the raw text of the published report beside it, as ingest writes it' });
  }
  const form = findForm(meta.form);
  if (!form) return { id: meta.id, report: null, diagnostics };
  if (formForYear(meta.year) !== form.id) {
    diagnostics.push({ file, line: 1, column: 1, severity: 'warning', rule: 'form-year', message: `a ${meta.year} report on form ${form.id}: reports for ${meta.year} normally use ${formForYear(meta.year)}`, hint: 'check the table labels of the published report; keep the form it actually uses' });
  }
  const tables: Partial<Record<TableId, TableData>> = {};
  for (const t of TABLE_IDS) {
    const csvFile = `${base}/${REPORT_FILES.tables[t]}`;
    const csv = fs.readText(csvFile);
    if (csv === undefined) {
      diagnostics.push({ file: csvFile, line: 0, column: 0, severity: 'error', rule: 'missing-file', message: `table ${form.tables[t].section} (${t}) is missing`, hint: `add ${REPORT_FILES.tables[t]}; every report has all three tables` });
      continue;
    }
    const result = readTableCsv(csv, csvFile, form, t, intern);
    diagnostics.push(...result.diagnostics);
    if (result.data) tables[t] = result.data;
  }
  let sourceLines: ReadonlyMap<string, SourcePlace> = new Map();
  const placesFile = `${base}/${REPORT_FILES.sourceLines}`;
  const placesCsv = fs.exists(placesFile) ? fs.readText(placesFile) : undefined;
  if (placesCsv !== undefined) {
    const read = readSourceLinesCsv(placesCsv, placesFile, form, sourceText ?? '', meta.source.file);
    diagnostics.push(...read.diagnostics);
    sourceLines = read.places;
  }
  const { active, requests, appeals } = tables;
  if (diagnostics.some((d) => d.severity === 'error') || !active || !requests || !appeals) return { id: meta.id, report: null, diagnostics };
  const sourceDigest = createHash('sha256').update(sourceText ?? '').digest('hex');
  return { id: meta.id, report: { meta, form, tables: { active, requests, appeals }, narrative: readNarrative(fm.body), sourceLines, sourceDigest, dir: `${CONTENT_FILES.reports}/${dir}` }, diagnostics };
}

/** Report folders whose name is safe as a memo file name (every report id is). */
const MEMO_SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * A memo entry as stored: a report that loaded (errors are never kept), its warnings' files relative
 * to the content root. Its text is two lines of JSON: the header (key and source file), then the rest,
 * so the header can be checked without parsing the report (src/machinery/content-prefetch.ts).
 */
interface MemoEntry {
  readonly key: string;
  /** The source file's name (from the front matter) and the SHA-256 of its bytes, or null when it was absent. */
  readonly sourceFile: string;
  readonly sourceBytes: string | null;
  readonly id: string;
  readonly diagnostics: readonly Diagnostic[];
  /** Its source lines: null when it had no source-lines.csv (an empty Map), else each cell's key, line and column (a SourcePlaceMap). */
  readonly report: Omit<ParsedReport, 'form' | 'sourceLines'> & { readonly sourceLines: ReadonlyArray<readonly [string, number, number]> | null };
}

/** The text of a memo entry: its header line, then the rest. */
function memoEntryText(entry: MemoEntry): string {
  const { key, sourceFile, sourceBytes, ...rest } = entry;
  return `${JSON.stringify({ key, sourceFile, sourceBytes })}\n${JSON.stringify(rest)}`;
}

/** The memo key of a report folder: folder-key.ts. */
function memoKey(fs: ContentFs & Required<Pick<ContentFs, 'readBytes'>>, base: string, context: string): string {
  return folderKey((path) => fs.readBytes(path), base, context);
}

/** Whether every number of the report survives JSON (no -0, NaN or infinity among its cells). */
function survivesJson(report: ParsedReport): boolean {
  for (const t of TABLE_IDS) {
    for (const row of Object.values(report.tables[t])) {
      for (const cell of Object.values(row)) {
        const v = cell.value;
        if (v !== null && (typeof v !== 'number' || !Number.isFinite(v) || Object.is(v, -0))) return false;
      }
    }
  }
  return true;
}

/** The entry to keep for a report as read, or null when it is not kept (an error, a path outside the root, a number JSON would change). */
function toMemoEntry(read: ReturnType<typeof readReport>, key: string, sourceBytes: string | null, root: string): MemoEntry | null {
  const { id, report, diagnostics } = read;
  if (id === null || report === null || !survivesJson(report)) return null;
  const prefix = `${root}/`;
  if (diagnostics.some((d) => d.severity === 'error' || !d.file.startsWith(prefix))) return null;
  const { form: _form, sourceLines, ...rest } = report;
  // The two kinds of source lines readReport makes: a SourcePlaceMap read from the file, or an empty Map.
  if (!(sourceLines instanceof SourcePlaceMap) && (!(sourceLines instanceof Map) || sourceLines.size)) return null;
  return {
    key,
    sourceFile: report.meta.source.file,
    sourceBytes,
    id,
    diagnostics: diagnostics.map((d) => ({ ...d, file: d.file.slice(prefix.length) })),
    report: { ...rest, sourceLines: sourceLines instanceof SourcePlaceMap ? [...sourceLines].map(([k, p]) => [k, p.line, p.col] as const) : null },
  };
}

/**
 * The report an entry holds, its cells shared through `intern`; null when the entry is not for `key`
 * or not whole. `sourceDigest(file)` is the digest of the folder's file `file` (digestBytes).
 */
function fromMemoEntry(text: string, key: string, sourceDigest: (file: string) => string | null, root: string, intern: CellInterner): ReturnType<typeof readReport> | null {
  // The header first: a changed folder costs no parse of its report.
  const end = text.indexOf('\n');
  if (end < 0) return null;
  const header = JSON.parse(text.slice(0, end)) as Pick<MemoEntry, 'key' | 'sourceFile' | 'sourceBytes'> | null;
  if (header?.key !== key || typeof header.sourceFile !== 'string') return null;
  // The source file is named by the front matter: checked by its bytes, as the entry recorded them.
  if (sourceDigest(header.sourceFile) !== header.sourceBytes) return null;
  const entry = JSON.parse(text.slice(end + 1)) as Omit<MemoEntry, 'key' | 'sourceFile' | 'sourceBytes'> | null;
  if (typeof entry?.id !== 'string' || !Array.isArray(entry.diagnostics)) return null;
  const stored = entry.report;
  if (!stored || typeof stored !== 'object' || (stored.sourceLines !== null && !Array.isArray(stored.sourceLines))) return null;
  if (stored.meta?.source?.file !== header.sourceFile || stored.meta.id !== entry.id) return null;
  const form = findForm(stored.meta.form);
  if (!form) return null;
  const tables = {} as Record<TableId, Record<string, Record<string, Cell>>>;
  for (const t of TABLE_IDS) {
    const table = stored.tables?.[t];
    if (!table || typeof table !== 'object') return null;
    const rows: Record<string, Record<string, Cell>> = {};
    for (const [rowCode, row] of Object.entries(table)) {
      const cells: Record<string, Cell> = {};
      for (const [columnCode, cell] of Object.entries(row)) {
        if (!cell || typeof cell.raw !== 'string') return null;
        cells[columnCode] = intern(cell);
      }
      rows[rowCode] = cells;
    }
    tables[t] = rows;
  }
  // The same keys in the same order as a report read afresh (readReport's object literal).
  let sourceLines: ReadonlyMap<string, SourcePlace> = new Map();
  if (stored.sourceLines) {
    const places = new SourcePlaceMap(form);
    for (const [k, line, col] of stored.sourceLines) places.set(k, { line, col });
    sourceLines = places;
  }
  const report: ParsedReport = { meta: stored.meta, form, tables, narrative: stored.narrative, sourceLines, sourceDigest: stored.sourceDigest, dir: stored.dir };
  return { id: entry.id, report, diagnostics: entry.diagnostics.map((d) => ({ ...d, file: `${root}/${d.file}` })) };
}

/** readReport through the memo: an entry whose key matches stands for reading the folder; a report read afresh is kept. */
function readReportMemo(
  fs: ContentFs,
  root: string,
  dir: string,
  jurisdictions: JurisdictionIndex,
  intern: CellInterner,
  memo: { readonly store: ContentMemo; readonly context: string; readonly prefetch: ContentPrefetch | undefined } | undefined,
): ReturnType<typeof readReport> {
  const readBytes = fs.readBytes?.bind(fs);
  if (!memo || !readBytes || !MEMO_SAFE_NAME.test(dir)) return readReport(fs, root, dir, jurisdictions, intern);
  const bfs = { ...fs, readBytes };
  const base = `${root}/${CONTENT_FILES.reports}/${dir}`;
  // What another thread read of the folder ahead of this one, or else the same read here.
  const ahead = memo.prefetch?.take(dir);
  const key = ahead ? ahead.key : memoKey(bfs, base, memo.context);
  const text = ahead ? ahead.text : memo.store.read(dir);
  const sourceDigest = (file: string): string | null => (ahead?.source?.file === file ? ahead.source.digest : digestBytes(readBytes(`${base}/${file}`)));
  if (text !== undefined) {
    try {
      const hit = fromMemoEntry(text, key, sourceDigest, root, intern);
      if (hit) return hit;
    } catch {
      // A malformed entry is a miss: the folder is read again and its entry rewritten.
    }
  }
  const fresh = readReport(fs, root, dir, jurisdictions, intern);
  if (fresh.report) {
    const entry = toMemoEntry(fresh, key, digestBytes(readBytes(`${base}/${fresh.report.meta.source.file}`)), root);
    if (entry) memo.store.write(dir, memoEntryText(entry));
  }
  return fresh;
}

/**
 * Finds where a cell stands in its table CSV, for pointing a rule finding at it. Positions are not
 * kept while loading (a few per cent of reports have findings), so the one CSV is read again here.
 */
function locateCell(fs: ContentFs, root: string, report: ParsedReport, key: string): CellPosition | undefined {
  const [table, row, column] = key.split('.');
  const { form } = report;
  if (!(TABLE_IDS as readonly string[]).includes(table ?? '')) return undefined;
  const tableId = table as TableId;
  const file = `${root}/${report.dir}/${REPORT_FILES.tables[tableId]}`;
  const text = fs.readText(file);
  const p = text === undefined ? undefined : readTableCsv(text, file, form, tableId).positions.get(`${row}.${column}`);
  return p && { file, ...p };
}

/** Describes a failing check in English for the command line, with its numbers. */
function describeCheck(check: RuleCheck): string {
  if (check.rule === 'G-1') return `${check.at} is ${check.left}, which its column does not allow`;
  const name = (t: RuleCheck['terms'][number]): string =>
    `${t.key.split('.').slice(1).join('.')}${t.reportId === check.terms[0]?.reportId ? '' : ` (${t.reportId})`}`;
  const side = (s: 'left' | 'right', total: number | null): string => {
    const all = check.terms.filter((t) => t.side === s);
    if (all.length === 1 && all[0]) return `${all[0].sign < 0 ? '- ' : ''}${name(all[0])} ${all[0].value}`;
    // A long sum (T3-B adds up to 21 rows) shows only its non-zero cells.
    const shown = all.length > 4 ? all.filter((t) => t.value !== 0) : all;
    if (!shown.length) return `${name(all[0]!)} + … + ${name(all[all.length - 1]!)} = ${total} (all ${all.length} cells are 0)`;
    const sum = shown.map((t, i) => `${t.sign < 0 ? '- ' : i ? '+ ' : ''}${name(t)} ${t.value}`).join(' ');
    return `${sum} = ${total}${shown.length < all.length ? ` (the other ${all.length - shown.length} cells are 0)` : ''}`;
  };
  const relation = listAllRules().find((r) => r.id === check.rule);
  const atLeast = relation?.kind === 'sum' && relation.relation === 'ge';
  return `at ${check.at}: ${side('left', check.left)}${atLeast ? ' is less than ' : ', but '}${side('right', check.right)}`;
}

/**
 * Shares equal passing checks among the reports of one load: a passing check keeps only its rule,
 * place and the two sums (no terms, no message), and most reports pass most checks with the same
 * small sums (0 = 0 above all), so one object each instead of about 50 per report.
 */
function createPassInterner(): (check: RuleCheck) => RuleCheck {
  const known = new Map<string, RuleCheck>();
  return (check) => {
    if (check.status !== 'pass') return check;
    const key = `${check.rule}\u0000${check.severity}\u0000${check.at}\u0000${check.left}\u0000${check.right}`;
    const shared = known.get(key);
    if (shared) return shared;
    const frozen = Object.freeze(check);
    known.set(key, frozen);
    return frozen;
  };
}

/** What to load of a content directory. */
export interface LoadOptions {
  /**
   * Only the report folders this accepts (a part of the content, for rendering a few pages' charts
   * on a worker): known errors of the reports left out are then reported as stale errors.
   */
  readonly only?: (dir: string) => boolean;
  /**
   * A memo of the report folders as read, kept across builds (src/machinery/content-memo.ts): a
   * folder whose files are those of its entry is not parsed again. Used only when `fs` reads bytes.
   */
  readonly memo?: ContentMemo;
  /**
   * With a memo: starts reading ahead, on another thread, what the memo needs of these report folders
   * (src/machinery/content-prefetch.ts), from the same files `fs` reads; given the folders in the
   * order they are taken and the memo's context.
   */
  readonly prefetch?: (root: string, dirs: readonly string[], context: string) => ContentPrefetch;
}

/** Loads a content directory and checks everything in it. */
export function loadContent(fs: ContentFs, root: string, options: LoadOptions = {}): LoadedContent {
  const errors: Diagnostic[] = [];
  const findings: Diagnostic[] = [];
  const known: Diagnostic[] = [];
  const jFile = `${root}/${CONTENT_FILES.jurisdictions}`;
  const jText = fs.readText(jFile);
  if (jText === undefined) errors.push({ file: jFile, line: 0, column: 0, severity: 'error', rule: 'missing-file', message: 'the jurisdiction list is missing', hint: 'restore content/jurisdictions.csv' });
  const { index: jurisdictions, diagnostics: jDiag } = readJurisdictionsCsv(jText ?? 'code,name,level,parent_code\n', jFile);
  errors.push(...jDiag);

  const parsed: ParsedReport[] = [];
  // Equal cells and passing checks are shared among the reports (immutable, held for the whole build).
  const internCell = createCellInterner();
  const internPass = createPassInterner();
  // The memo's entries hold what the front matter was checked against: the jurisdiction list.
  const context = createHash('sha256').update(jText ?? '').digest('hex');
  const dirs = fs.listDirs(`${root}/${CONTENT_FILES.reports}`).filter(options.only ?? (() => true)).sort();
  const prefetch = options.memo && fs.readBytes ? options.prefetch?.(root, dirs.filter((dir) => MEMO_SAFE_NAME.test(dir)), context) : undefined;
  const memo = options.memo && { store: options.memo, context, prefetch };
  let read: ({ dir: string } & ReturnType<typeof readReport>)[];
  try {
    read = dirs.map((dir) => ({ dir, ...readReportMemo(fs, root, dir, jurisdictions, internCell, memo) }));
  } finally {
    prefetch?.close();
  }
  // A report id belongs to the folder named after it (else to the first folder declaring it): any
  // other folder declaring the same id is a duplicate, even when it fails to load for other reasons.
  const owners = new Map<string, (typeof read)[number]>();
  for (const x of read) {
    if (x.id === null) continue;
    const current = owners.get(x.id);
    if (!current || (x.dir === x.id && current.dir !== x.id)) owners.set(x.id, x);
  }
  for (const r of read) {
    for (const d of r.diagnostics) (d.severity === 'error' ? errors : findings).push(d);
    const owner = r.id === null ? undefined : owners.get(r.id);
    if (r.id !== null && owner && owner !== r) {
      const file = `${root}/${CONTENT_FILES.reports}/${r.dir}/${REPORT_FILES.text}`;
      const prior = `${root}/${CONTENT_FILES.reports}/${owner.dir}/${REPORT_FILES.text}`;
      errors.push({ file, line: 2, column: 1, severity: 'error', rule: 'duplicate-id', message: `report id “${r.id}” is already used by ${prior}`, hint: 'each report needs its own id; remove the copy or correct the id' });
      continue;
    }
    if (!r.report) continue;
    parsed.push(r.report);
  }

  const kFile = `${root}/${CONTENT_FILES.knownErrors}`;
  const kText = fs.readText(kFile);
  const { entries: knownErrors, diagnostics: kDiag } = kText === undefined ? { entries: [], diagnostics: [] } : readKnownErrors(kText, kFile);
  errors.push(...kDiag);

  const byId = new Map(parsed.map((r) => [r.meta.id, r]));
  const knownByKey = new Map(knownErrors.map((e) => [`${e.report} ${e.rule}`, e]));
  const used = new Set<KnownErrorEntry>();
  const reports: CheckedReport[] = parsed.map((report) => {
    const previous = byId.get(`${seriesOf(report.meta.id)}-${report.meta.year - 1}`) ?? null;
    const outcomes = runRules(report, previous).map((o) => {
      const entry = knownByKey.get(`${report.meta.id} ${o.rule}`) ?? null;
      const matched = entry && o.status === 'fail' && matchesKnownError(entry, o) ? entry : null;
      if (matched) used.add(matched);
      for (const check of o.checks.filter((c) => c.status === 'fail')) {
        const p = locateCell(fs, root, report, check.terms[0]?.key ?? check.at);
        const d: Diagnostic = {
          file: p?.file ?? `${root}/${report.dir}/${REPORT_FILES.text}`,
          line: p?.line ?? 1,
          column: p?.column ?? 1,
          severity: check.severity,
          rule: check.rule,
          message: `${report.meta.id} ${describeCheck(check)}${matched ? ' (known source error, published as printed)' : ''}`,
          hint: matched ? undefined : `compare these cells with the published report: if the report prints them so, record the failure in ${CONTENT_FILES.knownErrors}; if the content differs from the report, correct the content`,
        };
        (matched ? known : findings).push(d);
      }
      return { ...o, checks: o.checks.map(internPass), known: matched };
    });
    return { ...report, outcomes };
  });

  for (const entry of knownErrors) {
    if (used.has(entry)) continue;
    const report = byId.get(entry.report);
    const outcome = report ? reports.find((r) => r.meta.id === entry.report)?.outcomes.find((o) => o.rule === entry.rule) : undefined;
    const now = outcome ? outcome.checks.filter((c) => c.status === 'fail').map((c) => c.at) : [];
    const why = !report ? `there is no report ${entry.report}` : !outcome ? `rule ${entry.rule} does not apply to ${entry.report}` : now.length ? `${entry.rule} now fails at [${now.join(', ')}], not at [${entry.at.join(', ')}]` : `${entry.rule} no longer fails for ${entry.report}`;
    errors.push({ file: kFile, line: entry.line, column: 3, severity: 'error', rule: 'known-error-stale', message: `known error entry no longer matches: ${why}`, hint: 'if the content was corrected, remove the entry (or set status: corrected-upstream and update at:); otherwise restore the printed numbers' });
  }
  const sortKey = (x: CheckedReport): string => x.meta.id;
  reports.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1));
  return { jurisdictions, reports, knownErrors, errors, findings, known };
}

