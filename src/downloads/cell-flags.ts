/**
 * The flags a download puts beside a cell, so that no number leaves the site without its caveats:
 *   a rule id (`T3-A`)  the cell takes part in a failing check of that rule (errors and warnings alike)
 *   `blank`             the report leaves the cell blank: no value (not zero)
 *   `unreadable`        the report prints something that is not a readable number: no value, see `raw`
 *   `no-unit`           a money amount printed with no unit: the number is as printed, its unit unknown
 * Flags are listed in that order, rule ids in the methodology's order.
 */
import { RULE_IDS, type RuleId } from '../form/rules.ts';
import type { ColumnSpec } from '../form/types.ts';
import type { Cell, CheckedReport } from '../reports/types.ts';

/** A flag of one cell. */
export type CellFlag = RuleId | 'blank' | 'unreadable' | 'no-unit';

/** The flags that are not rule ids, in the order they are listed. */
export const CELL_STATE_FLAGS = ['blank', 'unreadable', 'no-unit'] as const;

/** Separates the flags of one cell in the `flags` column. */
export const FLAG_SEPARATOR = ';';

/** Lists, by cell key (`requests.granted.total`), the rules whose failing checks involve the cell. */
export function listFailingRulesByCell(report: CheckedReport): Map<string, RuleId[]> {
  const byCell = new Map<string, Set<RuleId>>();
  for (const outcome of report.outcomes) {
    for (const check of outcome.checks) {
      if (check.status !== 'fail') continue;
      for (const term of check.terms) {
        // Cross-year rules involve the previous report's cells too: flag only this report's.
        if (term.reportId !== report.meta.id) continue;
        const set = byCell.get(term.key) ?? new Set<RuleId>();
        set.add(check.rule);
        byCell.set(term.key, set);
      }
    }
  }
  return new Map([...byCell].map(([key, set]) => [key, RULE_IDS.filter((id) => set.has(id))]));
}

/** Lists the flags of one cell: its failing rules, then its state. */
export function listCellFlags(cell: Cell, column: ColumnSpec, rules: readonly RuleId[]): CellFlag[] {
  const flags: CellFlag[] = [...rules];
  if (cell.value === null) flags.push(cell.raw === '' ? 'blank' : 'unreadable');
  else if (column.kind === 'money' && cell.unit === null) flags.push('no-unit');
  return flags;
}
