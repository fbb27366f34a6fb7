/** Report identity (spec §7): `<code>-<year>`, or `<code>-<agency-slug>-<year>` for a department. */

/** The pattern of a report id: jurisdiction code, optional agency slug, year. */
export const REPORT_ID = /^(\d{6})(?:-([a-z0-9-]+))?-(\d{4})$/;

/** The series a report belongs to: its id without the year (230881, or 230881-<agency>). */
export function seriesOf(id: string): string {
  return id.replace(/-\d{4}$/, '');
}
