/**
 * Which reports a synthetic corpus of N reports holds, and which of them break which rule on purpose.
 * Assumes governments come first: with N large enough every jurisdiction has one report per year
 * (135 × 7), and the rest are department reports, a full 2019–2025 series per department, spread
 * round-robin over the jurisdictions. Depends only on N, the seed, the share and the jurisdictions.
 */
import { FORM_BY_ID, formForYear } from '../form/forms.ts';
import { listRules, type RuleId } from '../form/rules.ts';
import type { FormId } from '../form/types.ts';
import type { Jurisdiction, JurisdictionIndex } from '../jurisdictions/jurisdictions.ts';
import { AGENCIES, type Agency } from '../publishers/agencies.ts';
import { hashSeed } from './prng.ts';

/** The report years a synthetic corpus covers. */
export const SYNTH_YEARS: readonly number[] = [2019, 2020, 2021, 2022, 2023, 2024, 2025];

/** The rules the generator knows how to break on purpose, each in one report at a time. */
export const BREAKABLE_RULES: readonly RuleId[] = ['T3-A', 'T3-B', 'T3-C', 'T4-A', 'T2-A', 'X-1', 'X-2'];

/** What the caller asks for. */
export interface SynthOptions {
  /** How many reports in all. */
  readonly reports: number;
  /** Any 32-bit integer; the same seed gives the same corpus byte for byte. */
  readonly seed: number;
  /** The share of reports (0–0.5) that break one rule on purpose. */
  readonly inconsistentShare: number;
}

/** One series of reports: a government's, or one of its departments', over the years. */
export interface SynthSeries {
  /** The report id without the year: `230881` or `230881-jiaoyu`. */
  readonly series: string;
  readonly jurisdiction: Jurisdiction;
  readonly agency: Agency | null;
  /** The years of this series that the corpus holds, ascending. */
  readonly years: readonly number[];
}

/** The whole corpus, before any number is drawn. */
export interface SynthPlan {
  readonly options: SynthOptions;
  readonly series: readonly SynthSeries[];
  /** Report id → the rule it breaks on purpose. */
  readonly breaks: ReadonlyMap<string, RuleId>;
  readonly government: number;
  readonly department: number;
}

/** The id of a report of a series in a year. */
export function formatSynthId(series: string, year: number): string {
  return `${series}-${year}`;
}

/** The largest corpus the jurisdictions and agencies allow. */
export function countSynthCapacity(jurisdictions: JurisdictionIndex): number {
  return jurisdictions.all.length * (AGENCIES.length + 1) * SYNTH_YEARS.length;
}

/** Lays out the government series: `rounds` years each, consecutive (mod 7), starting year staggered. */
function planGovernments(all: readonly Jurisdiction[], count: number): SynthSeries[] {
  const y = SYNTH_YEARS.length;
  const rounds = Math.floor(count / all.length);
  const rest = count % all.length;
  return all.flatMap((jurisdiction, j) => {
    const n = rounds + (j < rest ? 1 : 0);
    if (!n) return [];
    const years = Array.from({ length: n }, (_, k) => SYNTH_YEARS[(j + k) % y] as number).sort((a, b) => a - b);
    return [{ series: jurisdiction.code, jurisdiction, agency: null, years }];
  });
}

/** Lays out department series round-robin: every jurisdiction gets its k-th department before any its (k+1)-th. */
function planDepartments(all: readonly Jurisdiction[], count: number): SynthSeries[] {
  const out: SynthSeries[] = [];
  let left = count;
  for (let round = 0; left > 0; round++) {
    for (let j = 0; j < all.length && left > 0; j++) {
      const jurisdiction = all[j] as Jurisdiction;
      const agency = AGENCIES[(round + j) % AGENCIES.length] as Agency;
      const years = SYNTH_YEARS.slice(0, Math.min(left, SYNTH_YEARS.length));
      left -= years.length;
      out.push({ series: `${jurisdiction.code}-${agency.slug}`, jurisdiction, agency, years });
    }
  }
  return out;
}

/** The rules a report can break on purpose, given which reports the corpus holds. */
function listBreakableRules(form: FormId, previous: FormId | null): RuleId[] {
  const own = FORM_BY_ID[form];
  const prev = previous ? FORM_BY_ID[previous] : undefined;
  return listRules(own)
    .filter((r) => BREAKABLE_RULES.includes(r.id))
    .filter((r) => r.kind !== 'sum' || !r.crossYear || (prev !== undefined && listRules(prev).some((p) => p.id === r.id)))
    .map((r) => r.id);
}

/** Plans a corpus; throws on options that cannot be met (too many reports, a bad share). */
export function planSynthCorpus(jurisdictions: JurisdictionIndex, options: SynthOptions): SynthPlan {
  const n = options.reports;
  const all = jurisdictions.all;
  if (!Number.isInteger(n) || n < 1) throw new Error(`the number of reports must be a positive integer, not ${n}`);
  if (n > countSynthCapacity(jurisdictions)) throw new Error(`at most ${countSynthCapacity(jurisdictions)} reports fit ${all.length} jurisdictions × ${AGENCIES.length + 1} bodies × ${SYNTH_YEARS.length} years`);
  if (!(options.inconsistentShare >= 0 && options.inconsistentShare <= 0.5)) throw new Error(`the inconsistent share must be between 0 and 0.5, not ${options.inconsistentShare}`);
  const rounds = Math.min(SYNTH_YEARS.length, Math.floor((0.9 * n) / all.length));
  const government = rounds > 0 ? rounds * all.length : Math.min(n, all.length);
  const series = [...planGovernments(all, government), ...planDepartments(all, n - government)];

  const present = new Set(series.flatMap((s) => s.years.map((y) => formatSynthId(s.series, y))));
  const reports = series.flatMap((s) => s.years.map((year) => ({ id: formatSynthId(s.series, year), series: s.series, year })));
  const order = reports
    .map((r) => ({ ...r, key: hashSeed(options.seed, 'break', r.id) }))
    .sort((a, b) => a.key - b.key || (a.id < b.id ? -1 : 1));
  const breaks = new Map<string, RuleId>();
  const wanted = Math.round(n * options.inconsistentShare);
  // Each broken report takes the applicable rule used least so far, so every rule gets its share.
  const used = new Map<RuleId, number>(BREAKABLE_RULES.map((id) => [id, 0]));
  for (const r of order.slice(0, wanted)) {
    const prevId = formatSynthId(r.series, r.year - 1);
    const rules = listBreakableRules(formForYear(r.year), present.has(prevId) ? formForYear(r.year - 1) : null);
    const rule = rules.reduce<RuleId | null>((best, id) => (best === null || (used.get(id) ?? 0) < (used.get(best) ?? 0) ? id : best), null);
    if (!rule) continue;
    used.set(rule, (used.get(rule) ?? 0) + 1);
    breaks.set(r.id, rule);
  }
  return { options, series, breaks, government, department: n - government };
}
