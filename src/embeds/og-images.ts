/**
 * The link-preview images (og:image) of the site: one per jurisdiction and one per year, not one per
 * report (a report page shows its jurisdiction's, an embed page its page's), so their number does not
 * grow with the reports. Each is a 1200×630 card with the place's or year's name and how many reports
 * the site holds for it. A path's cache key hashes its words and the layout's version, so the
 * incremental build makes a card again only when its words change.
 */
import { createHash } from 'node:crypto';
import { COMPILER } from '../downloads/citation.ts';
import { listAncestors, LEVEL_LABELS, type Jurisdiction, type JurisdictionIndex } from '../jurisdictions/jurisdictions.ts';
import { groupReports } from '../reports/report-groups.ts';
import type { CheckedReport } from '../reports/types.ts';
import { placeOgImagePath, yearOgImagePath } from '../site/paths.ts';
import type { OgImageText } from './chart-image.ts';

/** The version of the cards' words and layout; part of every card's cache key. */
export const OG_IMAGE_VERSION = 1;

/** The footer of every card. */
const FOOTER = '年度报告中的数字，按报告原样发布';

/** Writes a span of years: 2020, or 2019–2021. */
function formatYears(years: readonly number[]): string {
  const min = Math.min(...years);
  const max = Math.max(...years);
  return min === max ? `${min}` : `${min}–${max}`;
}

/** The words of a jurisdiction's card; `own` are the reports filed under it (its government's and its departments'). */
export function buildPlaceOgText(place: Jurisdiction, own: readonly CheckedReport[], index: JurisdictionIndex): OgImageText {
  const chain = [...listAncestors(index, place.code)].reverse().map((j) => j.name);
  const held = own.length ? `已收录 ${own.length} 份年度报告（${formatYears(own.map((r) => r.meta.year))} 年）` : '暂未收录年度报告';
  return {
    brand: COMPILER,
    title: `${place.name}政府信息公开工作年度报告`,
    subtitle: [...chain, LEVEL_LABELS[place.level]].join(' · ') + ` · ${held}`,
    footer: FOOTER,
  };
}

/** The words of a year's card; `reports` are that year's. */
export function buildYearOgText(year: number, reports: readonly CheckedReport[], province: string): OgImageText {
  const places = new Set(reports.map((r) => r.meta.jurisdiction)).size;
  return {
    brand: COMPILER,
    title: `${year} 年度政府信息公开工作年度报告`,
    subtitle: `${province}各级政府和部门 · 已收录 ${reports.length} 份报告，涉及 ${places} 个地区`,
    footer: FOOTER,
  };
}

/** The cache key of a card: its words and the layout's version. */
export function hashOgText(text: OgImageText): string {
  return createHash('sha256').update(JSON.stringify([OG_IMAGE_VERSION, text])).digest('hex').slice(0, 32);
}

/** One card to make: where, and its words. */
export interface OgCard {
  readonly path: string;
  readonly text: OgImageText;
}

/** The card of every jurisdiction, in list order. */
export function listPlaceOgCards(reports: readonly CheckedReport[], index: JurisdictionIndex): (OgCard & { readonly code: string })[] {
  const own = groupReports(reports, (r) => r.meta.jurisdiction);
  return index.all.map((j) => ({ code: j.code, path: placeOgImagePath(j.code), text: buildPlaceOgText(j, own.get(j.code) ?? [], index) }));
}

/** The card of every year on file, oldest first. */
export function listYearOgCards(reports: readonly CheckedReport[], index: JurisdictionIndex): (OgCard & { readonly year: number })[] {
  const byYear = groupReports(reports, (r) => r.meta.year);
  const province = index.all.find((j) => j.level === 'province')?.name ?? '';
  return [...byYear.keys()].sort((a, b) => a - b).map((year) => ({ year, path: yearOgImagePath(year), text: buildYearOgText(year, byYear.get(year) ?? [], province) }));
}
