/**
 * Who published a report: a government (`230881`) or one of its departments (`230100-jiaoyu`), read
 * from the report id (spec §7). A publisher's reports over the years are its series: trends, pages
 * and comparisons group reports by publisher key, never by jurisdiction alone, so a government's own
 * figures and its departments' are never mixed or summed.
 */
import type { Jurisdiction } from '../jurisdictions/jurisdictions.ts';
import { REPORT_ID } from '../reports/report-id.ts';
import { findAgency, nameAgency, type Agency } from './agencies.ts';

/** The parts of a report id. */
export interface ReportIdParts {
  /** The six-digit jurisdiction code. */
  readonly jurisdiction: string;
  /** The department slug, or null for the government's own report. */
  readonly agency: string | null;
  readonly year: number;
  /** The publisher key: the id without its year (`230881`, `230100-jiaoyu`). */
  readonly publisher: string;
}

/** Splits a report id into jurisdiction, department slug and year; null when it is not a report id. */
export function parseReportId(id: string): ReportIdParts | null {
  const m = REPORT_ID.exec(id);
  if (!m) return null;
  const [, jurisdiction = '', agency, year = ''] = m;
  return { jurisdiction, agency: agency ?? null, year: Number(year), publisher: agency ? `${jurisdiction}-${agency}` : jurisdiction };
}

/** Whether a report id is a department's (has an agency slug). */
export function isDepartmentReportId(id: string): boolean {
  return parseReportId(id)?.agency != null;
}

/** A publisher as pages show it. */
export interface Publisher {
  /** `230881` or `230100-jiaoyu`. */
  readonly key: string;
  readonly jurisdiction: Jurisdiction;
  /** The department kind, or null for the government itself. */
  readonly agency: Agency | null;
  /** The slug as the id gives it (also for a department kind not declared in agencies.ts). */
  readonly agencySlug: string | null;
  /** Full Chinese name: 同江市人民政府, 哈尔滨市教育局, 黑龙江省财政厅. */
  readonly name: string;
  /** Short name for narrow labels and search: 同江市, 哈尔滨教育. */
  readonly shortName: string;
}

/**
 * Describes the publisher of a report id. A department slug missing from the declared list keeps the
 * report's own publisher name (front matter) so nothing is guessed.
 */
export function describePublisher(id: string, jurisdiction: Jurisdiction, publisherName: string): Publisher {
  const parts = parseReportId(id);
  const slug = parts?.agency ?? null;
  const agency = slug ? (findAgency(slug) ?? null) : null;
  const key = parts?.publisher ?? id;
  if (!slug) return { key, jurisdiction, agency: null, agencySlug: null, name: `${jurisdiction.name}人民政府`, shortName: jurisdiction.name };
  const name = agency ? `${jurisdiction.name}${nameAgency(agency, jurisdiction.level)}` : publisherName;
  const place = jurisdiction.name.replace(/(省|市|县|区|自治县|地区)$/, '');
  return { key, jurisdiction, agency, agencySlug: slug, name, shortName: agency ? `${place}${agency.short}` : publisherName };
}
