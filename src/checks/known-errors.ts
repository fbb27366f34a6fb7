/**
 * Known errors in the source reports (owid/etl data_corrections style): one declarative YAML file
 * of failures that were checked against the published report and are published as printed.
 * An entry that no longer matches a failure is itself an error, so the file cannot go stale.
 */
import { isMap, isNode, isSeq, LineCounter, parseDocument } from 'yaml';
import { isRuleId } from '../form/rules.ts';
import type { KnownErrorEntry, RuleOutcome } from '../reports/types.ts';
import type { Diagnostic } from '../reports/diagnostic.ts';

const STATUSES: readonly KnownErrorEntry['status'][] = ['open', 'reported', 'corrected-upstream'];

/** Reads known-errors.yaml, collecting every malformed entry. */
export function readKnownErrors(text: string, file: string): { entries: KnownErrorEntry[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  const lineOf = (offset: number | undefined): number => counter.linePos(offset ?? 0).line;
  for (const err of doc.errors) {
    const p = counter.linePos(err.pos[0]);
    diagnostics.push({ file, line: p.line, column: p.col, severity: 'error', rule: 'known-errors', message: `not valid YAML: ${err.message.split('\n')[0]}`, hint: 'fix the YAML syntax' });
  }
  if (doc.errors.length || doc.contents === null) return { entries: [], diagnostics };
  if (!isSeq(doc.contents)) {
    diagnostics.push({ file, line: 1, column: 1, severity: 'error', rule: 'known-errors', message: 'the file must be a list of entries', hint: 'start each entry with “- report: <id>”' });
    return { entries: [], diagnostics };
  }
  const entries: KnownErrorEntry[] = [];
  for (const item of doc.contents.items) {
    const line = lineOf(isNode(item) ? item.range?.[0] : undefined);
    const fail = (message: string, hint: string): void => {
      diagnostics.push({ file, line, column: 3, severity: 'error', rule: 'known-errors', message, hint });
    };
    if (!isMap(item)) {
      fail('an entry must be a map with report, rule, at, reason, status', 'see the comment at the top of the file');
      continue;
    }
    const v = item.toJSON() as Record<string, unknown>;
    const report = typeof v.report === 'string' ? v.report : '';
    const rule = typeof v.rule === 'string' ? v.rule : '';
    const at = Array.isArray(v.at) ? v.at.map(String) : [];
    const reason = typeof v.reason === 'string' ? v.reason.trim() : '';
    const status = typeof v.status === 'string' ? v.status : '';
    const before = diagnostics.length;
    if (!report) fail('entry has no report id', 'write report: <id>, e.g. 230881-2020');
    if (!isRuleId(rule)) fail(`“${rule}” is not a rule id`, 'write one of T3-A, T3-B, T3-C, T4-A, T2-A, G-1, X-1, X-2');
    if (!at.length) fail('entry has no “at” list', 'list the columns or rows where the rule fails, e.g. at: [legal_services, total]');
    if (!reason) fail('entry has no reason', 'say what the published report prints and why it is kept as printed');
    if (!(STATUSES as readonly string[]).includes(status)) fail(`status “${status}” is not one of ${STATUSES.join(', ')}`, 'write status: open until the publisher corrects it');
    if (diagnostics.length > before || !isRuleId(rule)) continue;
    entries.push({ report, rule, at, reason, status: status as KnownErrorEntry['status'], source: typeof v.source === 'string' ? v.source : null, line });
  }
  return { entries, diagnostics };
}

/** The places (columns, rows or cells) where an outcome's checks fail. */
export function listFailingPlaces(outcome: Pick<RuleOutcome, 'checks'>): string[] {
  return outcome.checks.filter((c) => c.status === 'fail').map((c) => c.at);
}

/** Whether an entry describes exactly the failing places of an outcome. */
export function matchesKnownError(entry: KnownErrorEntry, outcome: Pick<RuleOutcome, 'rule' | 'checks'>): boolean {
  const places = listFailingPlaces(outcome);
  return entry.rule === outcome.rule && places.length === entry.at.length && entry.at.every((p) => places.includes(p));
}
