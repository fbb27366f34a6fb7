/**
 * A build's reports grouped once per list (by series, by jurisdiction, by id), so a page that needs
 * its report's series or its place's reports looks them up instead of passing over every report:
 * a pass per page over the whole list made the pages O(reports²) a build (every report page listed
 * its other years by filtering every report). Each group keeps the list's order, so a lookup gives
 * what a filter of the list gave. The list must not change after it is grouped (a build's content
 * does not).
 */
import { seriesOf } from './report-id.ts';
import type { CheckedReport } from './types.ts';

interface Groups {
  bySeries?: Map<string, CheckedReport[]>;
  byJurisdiction?: Map<string, CheckedReport[]>;
  byId?: Map<string, CheckedReport>;
}

const memo = new WeakMap<readonly CheckedReport[], Groups>();

function groupsOf(reports: readonly CheckedReport[]): Groups {
  let groups = memo.get(reports);
  if (!groups) memo.set(reports, (groups = {}));
  return groups;
}

/** Groups reports by a key in one pass, keeping their order. */
export function groupReports<K>(reports: readonly CheckedReport[], keyOf: (r: CheckedReport) => K): Map<K, CheckedReport[]> {
  const groups = new Map<K, CheckedReport[]>();
  for (const r of reports) {
    const key = keyOf(r);
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  return groups;
}

const NONE: readonly CheckedReport[] = Object.freeze([]);

/** The reports of a series (`seriesOf` of their id), in the list's order; none when it has none. */
export function listSeriesReports(reports: readonly CheckedReport[], series: string): readonly CheckedReport[] {
  const groups = groupsOf(reports);
  return (groups.bySeries ??= groupReports(reports, (r) => seriesOf(r.meta.id))).get(series) ?? NONE;
}

/** The reports whose jurisdiction is `code` (a government's and its departments'), in the list's order. */
export function listJurisdictionReports(reports: readonly CheckedReport[], code: string): readonly CheckedReport[] {
  const groups = groupsOf(reports);
  return (groups.byJurisdiction ??= groupReports(reports, (r) => r.meta.jurisdiction)).get(code) ?? NONE;
}

/** The first report of the list with this id, as `reports.find` would give it; undefined when none. */
export function findReportById(reports: readonly CheckedReport[], id: string): CheckedReport | undefined {
  const groups = groupsOf(reports);
  if (!groups.byId) {
    const byId = new Map<string, CheckedReport>();
    for (const r of reports) if (!byId.has(r.meta.id)) byId.set(r.meta.id, r);
    groups.byId = byId;
  }
  return groups.byId.get(id);
}
