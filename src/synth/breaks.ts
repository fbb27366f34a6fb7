/**
 * Deliberate inconsistencies that stay inside one report. Each one breaks exactly one rule at known
 * places and leaves every other rule holding: a shift is mirrored wherever another rule would see it.
 * Chain breaks are drawn by tables.ts, since the next year must chain from them.
 */
import type { RuleId } from '../form/rules.ts';
import type { FormSpec } from '../form/types.ts';
import { drawInt, drawItem, type Rng } from './prng.ts';
import { BALANCE_ROWS, findSumRule, type Grid, type SynthTables } from './tables.ts';

/** Adds `delta` to a cell that must exist. */
function bump(grid: Grid, row: string, column: string, delta: number): void {
  const cells = grid[row];
  if (!cells || cells[column] === undefined) throw new Error(`synth: no cell ${row}.${column} to change`);
  cells[column] += delta;
}

/** Breaks `rule` in a report's numbers (in place); returns the places where it now fails, in form order. */
export function applyReportBreak(rng: Rng, form: FormSpec, rule: RuleId, tables: SynthTables): string[] {
  const sums = findSumRule(form, 'T3-C');
  const total = sums.left[0]?.code ?? 'total';
  const applicants = sums.right.map((t) => t.code);
  const outcomes = form.tables.requests.rows.filter((r) => r.role === 'outcome').map((r) => r.code);
  const delta = drawInt(rng, 1, 3);
  const req = tables.requests;
  switch (rule) {
    case 'T3-A': {
      // More new requests than were processed or carried: the row still adds up across columns.
      const c = drawItem(rng, applicants);
      bump(req, BALANCE_ROWS.received, c, delta);
      bump(req, BALANCE_ROWS.received, total, delta);
      return [c, total];
    }
    case 'T3-B': {
      // An outcome counted once more than （七）总计 says.
      const c = drawItem(rng, applicants);
      const o = drawItem(rng, outcomes);
      bump(req, o, c, delta);
      bump(req, o, total, delta);
      return [c, total];
    }
    case 'T3-C': {
      // The 总计 column alone is higher in three rows that keep T3-A and T3-B balanced.
      const o = drawItem(rng, outcomes);
      for (const row of [BALANCE_ROWS.received, o, BALANCE_ROWS.processed]) bump(req, row, total, delta);
      return [BALANCE_ROWS.received, o, BALANCE_ROWS.processed];
    }
    case 'T4-A': {
      const appeal = findSumRule(form, 'T4-A');
      const row = drawItem(rng, form.tables.appeals.rows.map((r) => r.code));
      bump(tables.appeals, row, appeal.left[0]?.code ?? 'total', delta);
      return [row];
    }
    case 'T2-A': {
      // 对外公开总数量 printed below 本年新公开数量.
      const t2 = findSumRule(form, 'T2-A');
      const row = drawItem(rng, t2.only ?? []);
      const [whole, part] = [t2.left[0]?.code ?? '', t2.right[0]?.code ?? ''];
      const cells = tables.active[row];
      if (!cells) throw new Error(`synth: no row ${row} in table 二`);
      if ((cells[part] ?? 0) < delta) {
        const raised = delta + drawInt(rng, 0, 3);
        for (const col of Object.keys(cells)) if (col !== whole) cells[col] = Math.max(cells[col] ?? 0, raised);
      }
      cells[whole] = (cells[part] ?? 0) - delta;
      return [row];
    }
    default:
      throw new Error(`synth: cannot break ${rule} inside one report`);
  }
}
