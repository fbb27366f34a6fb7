/** The front matter of a report's Markdown file: read with positions, checked field by field. */
import { isMap, isScalar, LineCounter, parseDocument, type Node } from 'yaml';
import { findForm } from '../form/forms.ts';
import type { Diagnostic } from './diagnostic.ts';
import { REPORT_ID } from './report-id.ts';
import type { ReportMeta, ReportScope } from './types.ts';

/** The scopes a report may declare, with what each means. */
export const REPORT_SCOPES: Readonly<Record<ReportScope, string>> = {
  self: '本机关',
  government: '本级政府及其部门',
  jurisdiction: '全辖区各行政机关（含下级政府）',
};

/** The same scopes, short, for beside a name in a chart: 同江市（本级政府）. */
export const REPORT_SCOPE_SHORT: Readonly<Record<ReportScope, string>> = {
  self: '本机关',
  government: '本级政府',
  jurisdiction: '全辖区',
};


/** A report file split into its front matter and Markdown body, with the body's first line number. */
export interface SplitReport {
  readonly yaml: string;
  readonly body: string;
  readonly bodyLine: number;
}

/** Splits `---` front matter from the Markdown body; null when the file has none. */
export function splitFrontMatter(text: string): SplitReport | null {
  const m = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!m) return null;
  const yaml = m[1] ?? '';
  return { yaml, body: text.slice(m[0].length), bodyLine: yaml.split('\n').length + 3 };
}

/** Reads and checks the front matter; `hasJurisdiction` says whether a code is a known jurisdiction. */
export function readFrontMatter(
  text: string,
  file: string,
  hasJurisdiction: (code: string) => boolean,
): { meta: ReportMeta | null; body: string; bodyLine: number; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const split = splitFrontMatter(text);
  if (!split) {
    diagnostics.push({ file, line: 1, column: 1, severity: 'error', rule: 'front-matter', message: 'the file does not start with front matter between --- lines', hint: 'start the file with ---, the fields id, jurisdiction, year, form, scope, title, publisher, source, then ---' });
    return { meta: null, body: text, bodyLine: 1, diagnostics };
  }
  const counter = new LineCounter();
  const doc = parseDocument(split.yaml, { lineCounter: counter, prettyErrors: false });
  const pos = (offset: number | undefined): { line: number; column: number } => {
    const p = counter.linePos(offset ?? 0);
    return { line: p.line + 1, column: p.col };
  };
  for (const err of doc.errors) {
    diagnostics.push({ file, ...pos(err.pos[0]), severity: 'error', rule: 'front-matter', message: `the front matter is not valid YAML: ${err.message.split('\n')[0]}`, hint: 'fix the YAML syntax between the --- lines; put a value that contains “: ” or starts with [ { # * & ! | > in double quotes' });
  }
  if (diagnostics.length || !isMap(doc.contents)) {
    if (!diagnostics.length) diagnostics.push({ file, line: 2, column: 1, severity: 'error', rule: 'front-matter', message: 'the front matter is not a set of key: value fields', hint: 'write one field per line, e.g. year: 2020' });
    return { meta: null, body: split.body, bodyLine: split.bodyLine, diagnostics };
  }
  const map = doc.contents;
  const node = (key: string): Node | undefined => map.get(key, true) as Node | undefined;
  const where = (key: string): { line: number; column: number } => {
    const n = node(key);
    return n?.range ? pos(n.range[0]) : { line: 2, column: 1 };
  };
  const fail = (key: string, rule: string, message: string, hint: string): void => {
    diagnostics.push({ file, ...where(key), severity: 'error', rule, message, hint });
  };
  const str = (key: string): string => {
    const n = node(key);
    if (isScalar(n) && (typeof n.value === 'string' || typeof n.value === 'number') && String(n.value).trim() !== '') return String(n.value);
    fail(key, 'front-matter', `field “${key}” is missing or empty`, `add ${key}: … to the front matter`);
    return '';
  };

  const id = str('id');
  const jurisdiction = str('jurisdiction');
  const yearNode = node('year');
  const year = isScalar(yearNode) && typeof yearNode.value === 'number' ? yearNode.value : NaN;
  const formId = str('form');
  const scope = str('scope');
  const title = str('title');
  const publisher = str('publisher');

  const idMatch = REPORT_ID.exec(id);
  if (id && !idMatch) fail('id', 'bad-id', `report id “${id}” is not <code>-<year> or <code>-<agency>-<year>`, 'write the id as the six-digit jurisdiction code and the year, e.g. 230881-2020');
  if (!Number.isInteger(year) || year < 2008 || year > 2100) fail('year', 'front-matter', `year must be a four-digit report year, found “${yearNode ? String((yearNode as Node).toJSON()) : ''}”`, 'write the year the report covers, e.g. year: 2020');
  if (jurisdiction && !hasJurisdiction(jurisdiction)) fail('jurisdiction', 'unknown-jurisdiction', `jurisdiction “${jurisdiction}” is not in content/jurisdictions.csv`, 'use the GB/T 2260 six-digit code of the government, e.g. 230881 for 同江市');
  if (idMatch && jurisdiction && idMatch[1] !== jurisdiction) fail('id', 'bad-id', `report id “${id}” does not start with its jurisdiction code ${jurisdiction}`, `rename the report ${jurisdiction}-${idMatch[3]} or correct the jurisdiction`);
  if (idMatch && Number.isInteger(year) && Number(idMatch[3]) !== year) fail('id', 'bad-id', `report id “${id}” does not end with its year ${year}`, 'make the id and the year agree');
  const form = formId ? findForm(formId) : undefined;
  if (formId && !form) fail('form', 'unknown-form', `unknown form “${formId}”`, 'write form: F2019 (report years 2019–2020 format) or form: F2021 (2021 onward)');
  if (scope && !(scope in REPORT_SCOPES)) fail('scope', 'front-matter', `unknown scope “${scope}”`, `write one of: ${Object.entries(REPORT_SCOPES).map(([k, v]) => `${k} (${v})`).join(', ')}`);

  const sourceNode = node('source');
  let source: ReportMeta['source'] = { file: '', url: null, note: null };
  if (isMap(sourceNode)) {
    const get = (k: string): string | null => {
      const v = sourceNode.get(k);
      return typeof v === 'string' && v.trim() ? v : null;
    };
    source = { file: get('file') ?? '', url: get('url'), note: get('note') };
    const at = (k: string): { line: number; column: number } => {
      const n = sourceNode.get(k, true) as Node | undefined;
      return n?.range ? pos(n.range[0]) : where('source');
    };
    const retrieved = get('retrieved');
    const sha256 = get('sha256');
    if (source.url && !/^https?:\/\/\S+$/.test(source.url)) diagnostics.push({ file, ...at('url'), severity: 'error', rule: 'front-matter', message: `source.url “${source.url}” is not an http(s) address`, hint: 'write the address the report was published at, e.g. https://www.hlj.gov.cn/…' });
    if (retrieved !== null) {
      if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(retrieved) && !Number.isNaN(Date.parse(retrieved))) source = { ...source, retrieved };
      else diagnostics.push({ file, ...at('retrieved'), severity: 'error', rule: 'front-matter', message: `source.retrieved “${retrieved}” is not an ISO date-time in UTC`, hint: 'write it as ingest does, e.g. retrieved: 2026-12-05T14:30:00Z' });
    }
    if (sha256 !== null) {
      if (/^[0-9a-f]{64}$/.test(sha256)) source = { ...source, sha256 };
      else diagnostics.push({ file, ...at('sha256'), severity: 'error', rule: 'front-matter', message: `source.sha256 “${sha256}” is not 64 lower-case hex digits`, hint: 'remove the field, or ingest the published file again to record it' });
    }
  }
  if (!source.file) fail('source', 'front-matter', 'field “source.file” is missing', 'name the raw source file kept beside the report, e.g. source: { file: source.txt }');

  if (diagnostics.length || !form) return { meta: null, body: split.body, bodyLine: split.bodyLine, diagnostics };
  return {
    meta: { id, jurisdiction, year, form: form.id, scope: scope as ReportScope, title, publisher, source },
    body: split.body,
    bodyLine: split.bodyLine,
    diagnostics,
  };
}
