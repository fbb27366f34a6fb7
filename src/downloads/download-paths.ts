/**
 * The URLs of every download, declared once. Stable: published links and scripts depend on them,
 * so a path here is never renamed; a new download gets a new path.
 */
import type { TableId } from '../form/types.ts';

/** The data page: every download, its columns, licence and citation. */
export const DATA_PATH = '/data/';

/** The site-wide files under /data/, by resource name. */
export type SiteFileName = 'cells' | 'reports' | TableId;

/** A site-wide CSV: `/data/cells.csv`, `/data/reports.csv`, `/data/requests.csv`, … */
export function siteCsvPath(name: SiteFileName): string {
  return `${DATA_PATH}${name}.csv`;
}

/**
 * Every cell of one year's reports in the tidy long layout, beside that year's data page:
 * `/data/2020/cells.csv` (`year` may be a placeholder such as `<年度>` for documentation).
 */
export function yearCellsCsvPath(year: number | string): string {
  return `${DATA_PATH}${year}/cells.csv`;
}

/** The file name a browser saves a year's cells file under (`gongkai-2020-cells.csv`). */
export function formatYearCellsDownloadName(year: number): string {
  return `gongkai-${year}-cells.csv`;
}

/** The Frictionless Data Package descriptor of the site-wide files. */
export const DATAPACKAGE_PATH = `${DATA_PATH}datapackage.json`;

/** One table of one report, with the printed form's Chinese labels: `/reports/<id>/requests.csv`. */
export function reportTableCsvPath(id: string, table: TableId): string {
  return `/reports/${id}/${table}.csv`;
}

/** Every cell of one report in the tidy long layout: `/reports/<id>/cells.csv`. */
export function reportCellsCsvPath(id: string): string {
  return `/reports/${id}/cells.csv`;
}

/** The file name a browser saves a report download under (`230881-2020-requests.csv`). */
export function formatDownloadName(id: string, name: TableId | 'cells'): string {
  return `${id}-${name}.csv`;
}

/** Makes a site path absolute against the site's address; the path alone when none is configured. */
export function formatAbsoluteUrl(path: string, site: string): string {
  return site ? new URL(path, site).href : path;
}
