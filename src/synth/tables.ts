/**
 * The numbers of a synthetic report series, year after year, consistent with the rules of
 * src/form/rules.ts: requests balance (T3-A/B/C), appeals add up (T4-A), 对外公开总数量 never falls
 * below 新公开 (T2-A), carried-forward requests reappear next year, and 现行有效件数 chains.
 * A chain break is drawn here, inside the chain; every other deliberate break is applied
 * afterwards by breaks.ts. Assumes rows and columns come from src/form; only the model is stated here.
 */
import { listRules, type RuleId, type SumRule } from '../form/rules.ts';
import type { ColumnCode, FormSpec, MoneyUnit, RowCode } from '../form/types.ts';
import type { Level } from '../jurisdictions/jurisdictions.ts';
import { drawBinomial, drawCount, drawInt, drawItem, drawScale, type Rng } from './prng.ts';

/** Numbers of one table: row code → column code → value. */
export type Grid = Record<string, Record<string, number>>;

/** The three tables of one report as numbers, with the unit of each money cell by `table.row.column`. */
export interface SynthTables {
  readonly active: Grid;
  readonly requests: Grid;
  readonly appeals: Grid;
  readonly units: Readonly<Record<string, MoneyUnit | null>>;
}

/** What sizes a series: the level of its government, whether it is a department, a random scale. */
export interface SeriesProfile {
  readonly level: Level;
  readonly department: boolean;
  readonly scale: number;
  /** Only the province and the prefectures (设区的市) make 规章. */
  readonly makesRules: boolean;
  /** The unit an F2019 report prints beside 采购总金额, or null for none. */
  readonly procurementUnit: MoneyUnit | null;
}

/** What carries from one year of a series to the next. */
export interface SeriesState {
  carriedForward: Record<string, number> | null;
  published: Record<string, number>;
  inForce: Record<string, number> | null;
  items: Record<string, number>;
}

/** The rows of the request balance (T3-A), by their permanent codes. */
export const BALANCE_ROWS = { received: 'received_new', carriedOver: 'carried_over', processed: 'processed_total', carriedForward: 'carried_forward' } as const satisfies Record<string, RowCode<'requests'>>;

const REQUESTS_PER_YEAR: Readonly<Record<Level, number>> = { province: 420, prefecture: 110, county: 22 };
/** Weights of the draws below, each keyed by the form's codes (a code the form does not declare fails to compile). */
const APPLICANT_WEIGHTS: Readonly<Record<string, number>> = { natural_person: 0.86, commercial: 0.07, research: 0.004, social_welfare: 0.008, legal_services: 0.035, other_org: 0.023 } satisfies Partial<Record<ColumnCode<'requests'>, number>>;
const OUTCOME_WEIGHTS: Readonly<Record<string, number>> = { granted: 10, partially_granted: 1.2, unavailable_not_held: 3.5, not_processed_petition: 0.8, not_processed_duplicate: 0.4, unavailable_needs_compilation: 0.5 } satisfies Partial<Record<RowCode<'requests'>, number>>;
const APPEAL_RATES: Readonly<Record<string, number>> = { review: 0.03, litigation_direct: 0.015, litigation_after_review: 0.006 } satisfies Partial<Record<RowCode<'appeals'>, number>>;
const APPEAL_OUTCOMES: Readonly<Record<string, number>> = { upheld: 0.6, corrected: 0.12, other: 0.13, pending: 0.15 } satisfies Partial<Record<ColumnCode<'appeals'>, number>>;
const DECISIONS: Readonly<Record<string, number>> = { licensing: 1800, other_services: 400, penalty: 900, coercion: 40 } satisfies Partial<Record<RowCode<'active'>, number>>;

/** Finds a sum rule of a form by id; throws if the form lacks it, since the model depends on it. */
export function findSumRule(form: FormSpec, id: RuleId): SumRule {
  const rule = listRules(form).find((r): r is SumRule => r.id === id && r.kind === 'sum');
  if (!rule) throw new Error(`synth: ${form.id} has no sum rule ${id}`);
  return rule;
}

/** Draws the profile of a new series. */
export function drawSeriesProfile(rng: Rng, level: Level, department: boolean): SeriesProfile {
  return { level, department, scale: drawScale(rng), makesRules: level !== 'county' && !department, procurementUnit: drawItem(rng, ['万元', '万元', '元', null] as const) };
}

/** The starting state of a series, before its first year. */
export function createSeriesState(): SeriesState {
  return { carriedForward: null, published: {}, inForce: null, items: {} };
}

/** Splits `n` over weighted parts, one binomial draw after another, so the parts add up to `n`. */
function splitCount(rng: Rng, n: number, weights: readonly number[]): number[] {
  let left = n;
  let weightLeft = weights.reduce((a, b) => a + b, 0);
  return weights.map((w, i) => {
    if (i === weights.length - 1) return left;
    const k = drawBinomial(rng, left, weightLeft > 0 ? w / weightLeft : 0);
    left -= k;
    weightLeft -= w;
    return k;
  });
}

/** Draws table 三; an X-1 break adds to one column's 上年结转 and returns where it fails. */
function drawRequests(rng: Rng, form: FormSpec, profile: SeriesProfile, state: SeriesState, year: number, chainBreak: RuleId | null): { grid: Grid; at: string[]; received: number } {
  const sums = findSumRule(form, 'T3-C');
  const total = sums.left[0]?.code ?? 'total';
  const applicants = sums.right.map((t) => t.code);
  const outcomes = form.tables.requests.rows.filter((r) => r.role === 'outcome').map((r) => r.code);
  const grid: Grid = Object.fromEntries(form.tables.requests.rows.map((r) => [r.code, {}]));
  const base = (profile.department ? REQUESTS_PER_YEAR[profile.level] / 8 : REQUESTS_PER_YEAR[profile.level]) * profile.scale * (0.85 + 0.05 * (year - 2019));
  const breakColumn = chainBreak === 'X-1' ? drawItem(rng, applicants.slice(0, 2)) : null;
  const carried: Record<string, number> = {};
  for (const c of applicants) {
    const received = drawCount(rng, base * (APPLICANT_WEIGHTS[c] ?? 0.01));
    const over = (state.carriedForward?.[c] ?? drawCount(rng, base * (APPLICANT_WEIGHTS[c] ?? 0.01) * 0.05)) + (c === breakColumn ? drawInt(rng, 1, 3) : 0);
    const available = received + over;
    const forward = drawBinomial(rng, available, 0.02 + 0.08 * rng());
    const split = splitCount(rng, available - forward, outcomes.map((o) => OUTCOME_WEIGHTS[o] ?? 0.08));
    grid[BALANCE_ROWS.received]![c] = received;
    grid[BALANCE_ROWS.carriedOver]![c] = over;
    outcomes.forEach((o, i) => (grid[o]![c] = split[i] ?? 0));
    grid[BALANCE_ROWS.processed]![c] = available - forward;
    grid[BALANCE_ROWS.carriedForward]![c] = forward;
    carried[c] = forward;
  }
  for (const cells of Object.values(grid)) cells[total] = applicants.reduce((acc, c) => acc + (cells[c] ?? 0), 0);
  carried[total] = grid[BALANCE_ROWS.carriedForward]![total] ?? 0;
  state.carriedForward = carried;
  return { grid, at: breakColumn ? [breakColumn, total] : [], received: grid[BALANCE_ROWS.received]![total] ?? 0 };
}

/** Draws table 四 from the request volume; every row adds up (T4-A). */
function drawAppeals(rng: Rng, form: FormSpec, requests: number): Grid {
  const rule = findSumRule(form, 'T4-A');
  const total = rule.left[0]?.code ?? 'total';
  const parts = rule.right.map((t) => t.code);
  return Object.fromEntries(
    form.tables.appeals.rows.map((r) => {
      const cells: Record<string, number> = Object.fromEntries(parts.map((p) => [p, drawCount(rng, requests * (APPEAL_RATES[r.code] ?? 0.005) * (APPEAL_OUTCOMES[p] ?? 0.1))]));
      cells[total] = parts.reduce((acc, p) => acc + (cells[p] ?? 0), 0);
      return [r.code, cells];
    }),
  );
}

/** Draws a money amount with two decimals. */
function drawMoney(rng: Rng, mean: number): number {
  return drawCount(rng, mean * 100) / 100;
}

/** Draws table 二 column by column in form order; an X-2 break shifts one row's 现行有效件数. */
function drawActive(rng: Rng, form: FormSpec, profile: SeriesProfile, state: SeriesState, chainBreak: RuleId | null): { grid: Grid; units: Record<string, MoneyUnit | null>; at: string[] } {
  const size = profile.scale * (profile.department ? 0.15 : profile.level === 'province' ? 4 : profile.level === 'prefecture' ? 1.5 : 0.5);
  const grid: Grid = {};
  const units: Record<string, MoneyUnit | null> = {};
  const chained = form.tables.active.rows.filter((r) => r.columns.includes('in_force')).map((r) => r.code);
  const breakRow = chainBreak === 'X-2' ? drawItem(rng, chained) : null;
  const inForce = state.inForce ?? Object.fromEntries(chained.map((row) => [row, Math.floor((state.published[row] ?? 0) * 0.6)]));
  for (const row of form.tables.active.rows) {
    const v: Record<string, number> = {};
    const docs = row.code === 'rules' ? (profile.makesRules ? 1.5 * size : 0) : 12 * size;
    for (const col of row.columns) {
      switch (col) {
        case 'new_made': v[col] = drawCount(rng, docs); break;
        case 'new_published': v[col] = (v.new_made ?? 0) - drawBinomial(rng, v.new_made ?? 0, 0.05); break;
        case 'total_published': state.published[row.code] = (state.published[row.code] ?? drawCount(rng, docs * 12)) + (v.new_published ?? 0); v[col] = state.published[row.code]!; break;
        case 'issued': v[col] = drawCount(rng, docs); break;
        case 'repealed': v[col] = drawBinomial(rng, inForce[row.code] ?? 0, 0.04); break;
        case 'in_force': inForce[row.code] = (inForce[row.code] ?? 0) + (v.issued ?? 0) - (v.repealed ?? 0) + (row.code === breakRow ? drawInt(rng, 1, 5) : 0); v[col] = inForce[row.code]!; break;
        case 'prev_items': v[col] = state.items[row.code] ?? drawCount(rng, 30 * size); break;
        case 'change': { const prev = v.prev_items ?? 0; v[col] = Math.max(-prev, drawInt(rng, -Math.ceil(prev / 5), Math.ceil(prev / 4) + 2)); state.items[row.code] = prev + v[col]; break; }
        case 'decisions': v[col] = drawCount(rng, (DECISIONS[row.code] ?? 100) * size); break;
        case 'projects': v[col] = drawCount(rng, 25 * size); break;
        case 'amount': {
          const unit = form.tables.active.columns.find((c) => c.code === col)?.fixedUnit ?? profile.procurementUnit;
          const wan = row.code === 'procurement' ? (v.projects ?? 0) * 40 : 300 * size;
          v[col] = unit === '万元' ? drawMoney(rng, wan) : drawMoney(rng, wan * 10000);
          units[`active.${row.code}.${col}`] = unit;
          break;
        }
        default: throw new Error(`synth: no model for column ${col} of table 二 (${form.id}); teach src/synth/tables.ts`);
      }
    }
    grid[row.code] = v;
  }
  state.inForce = chained.length ? inForce : null;
  return { grid, units, at: breakRow ? [breakRow] : [] };
}

/** Draws one year of a series; `chainBreak` is when this report breaks that rule on purpose. */
export function drawYearTables(rng: Rng, form: FormSpec, profile: SeriesProfile, state: SeriesState, year: number, chainBreak: RuleId | null): { tables: SynthTables; at: string[] } {
  const active = drawActive(rng, form, profile, state, chainBreak);
  const requests = drawRequests(rng, form, profile, state, year, chainBreak);
  const appeals = drawAppeals(rng, form, requests.received);
  return { tables: { active: active.grid, requests: requests.grid, appeals, units: active.units }, at: [...active.at, ...requests.at] };
}
