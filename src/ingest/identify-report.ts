/**
 * Identifies a report: its jurisdiction (a name from the jurisdiction list in the title lines),
 * its year (the year the title names) and its scope. Assumes the title is printed before the first
 * section heading, possibly over two lines (牡丹江市人民政府 / 2020 年政府信息公开工作年度报告).
 */
import type { Jurisdiction, JurisdictionIndex } from '../jurisdictions/jurisdictions.ts';
import { findAgency, matchAgencyName } from '../publishers/agencies.ts';
import type { ReportScope } from '../reports/types.ts';
import { foldWidth } from './normalise-text.ts';

/** A department of a jurisdiction that published the report: its slug and its Chinese name as the title prints it. */
export interface ReportAgency {
  readonly slug: string;
  /** The department's name after the place name (财政厅, 人民政府办公室). */
  readonly name: string;
  /** Whether the slug is one of src/publishers/agencies.ts (false: given with --agency for a department not declared there). */
  readonly declared: boolean;
}

/** The identity found, or why it could not be. */
export type Identity =
  | { readonly ok: true; readonly jurisdiction: Jurisdiction; readonly year: number; readonly line: number; readonly agency: ReportAgency | null }
  | { readonly ok: false; readonly rule: string; readonly message: string; readonly hint: string; readonly line: number };

const LEVEL_DEPTH = { province: 0, prefecture: 1, county: 2 } as const;

/** The lines that hold the title: up to the line naming the annual report, and never past the first section. */
function listTitleLines(lines: readonly string[]): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  for (let i = 0; i < lines.length && out.length < 12; i++) {
    const text = foldWidth(lines[i] ?? '').replace(/^[\s#*]+/, '').replace(/\s+/g, '');
    if (/^[一二三四五六][、.]/.test(text)) break;
    if (!text) continue;
    out.push({ text, line: i + 1 });
    if (text.includes('年度报告')) break;
  }
  return out;
}

/** Finds the jurisdictions named in a text: the deepest level wins; a parent named beside resolves a shared name. */
function matchJurisdictions(text: string, index: JurisdictionIndex): Jurisdiction[] {
  const named = index.all.filter((j) => text.includes(j.name));
  if (named.length === 0) return [];
  const deepest = Math.max(...named.map((j) => LEVEL_DEPTH[j.level]));
  const candidates = named.filter((j) => LEVEL_DEPTH[j.level] === deepest);
  if (candidates.length <= 1) return candidates;
  const withParent = candidates.filter((j) => j.parent && named.some((p) => p.code === j.parent));
  return withParent.length ? withParent : candidates;
}

/** A department slug as report ids take it. */
export const AGENCY_SLUG = /^[a-z][a-z0-9]*$/;

/**
 * Reads who published a report from the title after the place name: the government itself
 * (同江市人民政府2020年…, 同江市2020年…) or a declared department (黑龙江省财政厅…); a department not declared
 * is accepted only with the slug given by the caller (`agencySlug`), never guessed.
 */
function readPublisher(rest: string, agencySlug: string | undefined): { ok: true; agency: ReportAgency | null } | { ok: false; rule: string; message: string; hint: string } {
  const known = matchAgencyName(rest);
  if (known) return { ok: true, agency: { slug: known.agency.slug, name: known.name, declared: true } };
  const name = (/^(.*?)(?:(?:20\d{2}|[〇零一二三四五六七八九]{4})年|年度|政府信息公开|$)/.exec(rest)?.[1] ?? '').replace(/^关于|的$/g, '');
  if (name === '' || name === '人民政府' || name === '政府' || !/\p{Script=Han}/u.test(name)) return { ok: true, agency: null };
  if (agencySlug) return { ok: true, agency: { slug: agencySlug, name, declared: findAgency(agencySlug) !== undefined } };
  return {
    ok: false,
    rule: 'unknown-department',
    message: `the title names “${name}”, a department not declared in src/publishers/agencies.ts: its report id needs a slug, which is never guessed`,
    hint: `ingest it again with --agency <slug> (lower-case pinyin, e.g. --agency dangan for 档案局), or declare the department (slug, names, aliases) in src/publishers/agencies.ts; if it is another name of a declared department, add it to that department's aliases`,
  };
}

/** Identifies the jurisdiction, the publishing department (if any) and the year of a report from its title lines. */
export function identifyReport(lines: readonly string[], index: JurisdictionIndex, agencySlug?: string): Identity {
  const title = listTitleLines(lines);
  const at = title[title.length - 1]?.line ?? 1;
  const joined = title.map((t) => t.text).join('');
  const found = matchJurisdictions(joined, index);
  if (found.length === 0) {
    return { ok: false, rule: 'unknown-jurisdiction', message: `no jurisdiction of the list is named in the title (“${joined.slice(0, 60)}”)`, hint: 'the title must name the government (e.g. 同江市2020年政府信息公开工作年度报告); add the jurisdiction to content/jurisdictions.csv if it is missing', line: at };
  }
  if (found.length > 1) {
    return { ok: false, rule: 'ambiguous-jurisdiction', message: `the title names several jurisdictions: ${found.map((j) => `${j.name} (${j.code})`).join(', ')}`, hint: 'name the parent too (e.g. 佳木斯市向阳区) or ingest the report with the title corrected', line: at };
  }
  const year = /(20\d{2})年/.exec(joined.replace(/[〇零一二三四五六七八九]{4}(?=年)/g, (y) => [...y].map((c) => '〇一二三四五六七八九'.indexOf(c === '零' ? '〇' : c)).join('')));
  if (!year) {
    return { ok: false, rule: 'no-year', message: `the title does not name the report year (“${joined.slice(0, 60)}”)`, hint: 'the title must name the year the report covers, e.g. 2020年', line: at };
  }
  const jurisdiction = found[0]!;
  const rest = joined.slice(joined.indexOf(jurisdiction.name) + jurisdiction.name.length);
  const publisher = readPublisher(rest, agencySlug);
  if (!publisher.ok) return { ...publisher, line: at };
  return { ok: true, jurisdiction, year: Number(year[1]), line: at, agency: publisher.agency };
}

const WHOLE_JURISDICTION = [/全[省市县区旗]各(?:级)?行政机关/, /(?:综合|汇总)[^。]{0,20}各[县乡区市镇]/];

/**
 * Guesses the scope from the text before the tables: `jurisdiction` when it says it covers every
 * administrative body of the area (全省各行政机关) or sums up the lower governments (综合全县各乡（镇）…);
 * `government` otherwise. A maintainer corrects it in the front matter; --force keeps the correction.
 */
export function guessScope(textBeforeTables: string): ReportScope {
  const text = foldWidth(textBeforeTables).replace(/\s+/g, '');
  return WHOLE_JURISDICTION.some((re) => re.test(text)) ? 'jurisdiction' : 'government';
}
