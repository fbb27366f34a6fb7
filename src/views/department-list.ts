/**
 * The departments of a place, as its page lists them: each department once, with its latest
 * report's headline figures (requests received, 公开率) and what those figures cover. A department's
 * figures are its own; the government's report, listed apart, may already include them, so the
 * list never adds anything up.
 */
import { deriveMetric } from '../metrics/derive-metrics.ts';
import { findMetric, type MetricId } from '../metrics/metric-specs.ts';
import type { PublisherSeries } from '../publishers/publisher-index.ts';
import { REPORT_SCOPES } from '../reports/front-matter.ts';
import type { CheckedReport } from '../reports/types.ts';
import { formatMetricValue } from './key-figures.ts';
import { publisherPath, reportPath } from '../site/paths.ts';

/** The headline figures of a department list, in column order. */
export const DEPARTMENT_LIST_METRIC_IDS: readonly MetricId[] = ['requests_received', 'grant_rate'];

/** One figure in the list: its text for people and its value for sorting (null sorts last). */
export interface DepartmentListFigure {
  readonly text: string;
  /** The value the column sorts by; null when there is none, or when it stands on a small base (listed, not ranked). */
  readonly sortValue: number | null;
  /** Rules failing on a cell the figure uses: （未通过 T3-B）, empty when none. */
  readonly flag: string;
}

/** One department of a place. */
export interface DepartmentListRow {
  readonly key: string;
  readonly href: string;
  readonly name: string;
  /** Its latest report: its page and year. */
  readonly latestHref: string;
  readonly latestYear: number;
  readonly reports: number;
  /** What the latest report's figures cover: 本机关. */
  readonly scope: string;
  /** One figure per DEPARTMENT_LIST_METRIC_IDS, from the latest report. */
  readonly figures: readonly DepartmentListFigure[];
}

/** The list of a place's departments, with its column headings. */
export interface DepartmentList {
  readonly columns: readonly string[];
  readonly rows: readonly DepartmentListRow[];
}

/** Formats one headline figure of a report. */
function formatFigure(report: CheckedReport, metricId: MetricId): DepartmentListFigure {
  const metric = findMetric(metricId);
  if (!metric) throw new Error(`department list: unknown metric ${metricId}`);
  const v = deriveMetric(metric, report);
  const shown = formatMetricValue(metric.unit, v.value, v.numerator, v.denominator, v.caution);
  return { text: shown.text, sortValue: v.caution ? null : v.value, flag: v.flags.length ? `（未通过 ${v.flags.join('、')}）` : '' };
}

/** Lists a place's departments (from the publisher index, in declared department order) with their latest figures. */
export function buildDepartmentList(departments: readonly PublisherSeries[]): DepartmentList {
  return {
    columns: DEPARTMENT_LIST_METRIC_IDS.map((id) => findMetric(id)?.name ?? id),
    rows: departments.map(({ publisher, reports }) => {
      const latest = reports.at(-1);
      if (!latest) throw new Error(`department list: ${publisher.key} has no reports`);
      return {
        key: publisher.key,
        href: publisherPath(publisher.key),
        name: publisher.name,
        latestHref: reportPath(latest.meta.id),
        latestYear: latest.meta.year,
        reports: reports.length,
        scope: REPORT_SCOPES[latest.meta.scope],
        figures: DEPARTMENT_LIST_METRIC_IDS.map((id) => formatFigure(latest, id)),
      };
    }),
  };
}
