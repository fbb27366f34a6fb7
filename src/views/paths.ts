/** The site's URLs, declared once. Stable: published links must keep working. */

/** The page of a report. */
export function reportPath(id: string): string {
  return `/reports/${id}/`;
}

/** The page of a jurisdiction. */
export function jurisdictionPath(code: string): string {
  return `/jurisdictions/${code}/`;
}

/** The page of a department that publishes its own reports (a publisher key: `230100-jiaoyu`). */
export function publisherPath(key: string): string {
  return `/publishers/${key}/`;
}

/** The list of one year's reports. */
export function yearPath(year: number): string {
  return `/years/${year}/`;
}

/** The methodology page. */
export const METHODOLOGY_PATH = '/methodology/';

/** The list of all jurisdictions. */
export const JURISDICTIONS_PATH = '/jurisdictions/';

/** The search page; it reads the query from `?q=`. */
export const SEARCH_PATH = '/search/';

/** The index of comparison pages. */
export const COMPARE_PATH = '/compare/';

/** The comparison page of one metric in one year. */
export function comparePath(year: number, metricId: string): string {
  return `/compare/${year}/${metricId}/`;
}

/** The comparison of one metric in one year across the departments of one kind (agency slug): `/compare/2020/grant_rate/jiaoyu/`. */
export function departmentComparePath(year: number, metricId: string, agencySlug: string): string {
  return `${comparePath(year, metricId)}${agencySlug}/`;
}

/** The element id of a metric's entry on the methodology page. */
export function metricAnchor(metricId: string): string {
  return `metric-${metricId}`;
}

/** The methodology entry of a metric: its definition, cells and comparability. */
export function metricMethodologyPath(metricId: string): string {
  return `${METHODOLOGY_PATH}#${metricAnchor(metricId)}`;
}
