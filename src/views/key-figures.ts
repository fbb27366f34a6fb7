/**
 * A publisher's key figures for one year, each set against its peers: the same year's reports of the
 * same kind of publisher at the same level (county governments, or every prefecture's 教育局). This is
 * the one shape place pages, department pages and overviews show a single year in, instead of a
 * one-point chart. Assumes a rate on a small base (the metric's cautionBelow) is never ranked or
 * counted in a median: it is shown as “n件中m件” and counted apart.
 */
import { LEVEL_LABELS, type JurisdictionIndex, type Level } from '../jurisdictions/jurisdictions.ts';
import { deriveMetric } from '../metrics/derive-metrics.ts';
import { findMetric, type MetricId, type MetricUnit } from '../metrics/metric-specs.ts';
import type { RuleId } from '../form/rules.ts';
import { rankValues } from '../metrics/rank-values.ts';
import { findAgency, nameAgency } from '../publishers/agencies.ts';
import { parseReportId } from '../publishers/publisher.ts';
import type { PublisherIndex } from '../publishers/publisher-index.ts';
import type { CheckedReport } from '../reports/types.ts';
import { formatFull, formatPer100, formatPercent, formatShare } from '../format/format-number.ts';
import { comparePath, departmentComparePath } from '../site/paths.ts';

/** The reports a publisher is compared with, and how to name them. */
export interface PeerGroup {
  /** 全省县级政府, 全省地市级教育局 … */
  readonly label: string;
  readonly year: number;
  /** The department kind (agency slug) compared; null for governments. */
  readonly agency: string | null;
  /** Every report of the group that year, the subject's own included. */
  readonly reports: readonly CheckedReport[];
  /**
   * Whether the group's kind has a comparison page that year: always for governments; for a
   * department kind, when the publisher index compares it that year (PublisherIndex.comparedYears).
   */
  readonly compared: boolean;
}

/** Where one publisher stands among its peers on one metric. */
export interface PeerStanding {
  readonly label: string;
  /** Peers whose value is counted (a value on a base large enough), the subject's own included. */
  readonly counted: number;
  /** Peers with a value on a small base, listed apart and not counted. */
  readonly smallBase: number;
  readonly median: number | null;
  readonly medianText: string;
  /** 1 = the highest value; null when the subject's own value is not counted. */
  readonly rank: number | null;
  /** The comparison page of the metric that year (the departments' of that kind, for a department); null when there is none. */
  readonly href: string | null;
}

/** One metric of one report, formatted, with its peers. */
export interface KeyFigure {
  readonly metricId: MetricId;
  readonly name: string;
  readonly unit: MetricUnit;
  readonly year: number;
  readonly value: number | null;
  readonly numerator: number | null;
  readonly denominator: number | null;
  /** 54.8%, 25件中21件, 3.6, 1,234; — when there is no value. */
  readonly text: string;
  /** A sentence when the value stands on a small base; null otherwise. */
  readonly caution: string | null;
  /** Why there is no value; null when there is one. */
  readonly missing: string | null;
  /** Consistency rules failing on a cell the value uses: shown as a visible flag, never corrected. */
  readonly flags: readonly RuleId[];
  readonly peers: PeerStanding | null;
}

/** Formats a metric value for people: a share with its small-base caution, per-100, or a count. */
export function formatMetricValue(unit: MetricUnit, value: number | null, numerator: number | null, denominator: number | null, caution: boolean): { text: string; caution: string | null } {
  if (value === null) return { text: '—', caution: null };
  if (unit === 'share') return numerator !== null && denominator !== null ? formatShare(numerator, denominator, caution) : { text: formatPercent(value), caution: null };
  if (unit === 'per100') return { text: formatPer100(value), caution: caution && denominator !== null ? `基数仅${formatFull(denominator)}件，仅供参考` : null };
  return { text: formatFull(value), caution: null };
}


/**
 * The peer group of a report: governments of the same level that year, or departments of the same
 * kind (agency slug) and level that year, from `reports` (they need hold only the subject's peers).
 * Whether that kind and year has a comparison page is the publisher index's decision
 * (`publishers.comparedYears`), read here, not counted again. Null when the jurisdiction is not on the list.
 */
export function selectPeerGroup(subject: CheckedReport, reports: readonly CheckedReport[], jurisdictions: JurisdictionIndex, publishers: PublisherIndex): PeerGroup | null {
  const own = parseReportId(subject.meta.id);
  const level = jurisdictions.byCode.get(subject.meta.jurisdiction)?.level;
  if (!own || !level) return null;
  const peers = indexPeers(reports, jurisdictions).get(peerKey(subject.meta.year, own.agency, level)) ?? [];
  const compared = own.agency === null || publishers.comparedYears(own.agency).includes(subject.meta.year);
  return { label: labelPeerGroup(level, own.agency), year: subject.meta.year, agency: own.agency, reports: peers, compared };
}

/** The key of a peer group: year, department kind (none for governments) and level. */
function peerKey(year: number, agency: string | null, level: Level): string {
  return `${year}|${agency ?? ''}|${level}`;
}

const peerIndexes = new WeakMap<readonly CheckedReport[], Map<string, CheckedReport[]>>();

/** Groups a build's reports by peer group once, so each page's peers are a lookup, not a pass over every report. */
function indexPeers(reports: readonly CheckedReport[], jurisdictions: JurisdictionIndex): Map<string, CheckedReport[]> {
  const known = peerIndexes.get(reports);
  if (known) return known;
  const index = new Map<string, CheckedReport[]>();
  for (const r of reports) {
    const p = parseReportId(r.meta.id);
    const level = jurisdictions.byCode.get(r.meta.jurisdiction)?.level;
    if (!p || !level) continue;
    const key = peerKey(r.meta.year, p.agency, level);
    const group = index.get(key);
    if (group) group.push(r);
    else index.set(key, [r]);
  }
  peerIndexes.set(reports, index);
  return index;
}

/** Names a peer group: 全省县级政府, 全省地市级教育局, 全省省级教育厅 (a declared department kind) or 同类部门. */
function labelPeerGroup(level: Level, agencySlug: string | null): string {
  if (!agencySlug) return `全省${LEVEL_LABELS[level]}政府`;
  const agency = findAgency(agencySlug);
  return `全省${LEVEL_LABELS[level]}${agency ? nameAgency(agency, level) : `同类部门（${agencySlug}）`}`;
}

const rankings = new WeakMap<readonly CheckedReport[], Map<MetricId, ReturnType<typeof rankValues>>>();

/**
 * The ranking of a peer group on a metric, computed once per group (its reports' list) and metric:
 * every member's page reads the same ranking, and deriving it again for each was O(peers²) a build.
 */
function rankPeers(reports: readonly CheckedReport[], id: MetricId, metric: NonNullable<ReturnType<typeof findMetric>>): ReturnType<typeof rankValues> {
  let byMetric = rankings.get(reports);
  if (!byMetric) rankings.set(reports, (byMetric = new Map()));
  let ranking = byMetric.get(id);
  if (!ranking) {
    ranking = rankValues(reports.map((r) => {
      const pv = deriveMetric(metric, r);
      return { key: r.meta.id, value: pv.value, caution: pv.caution };
    }));
    byMetric.set(id, ranking);
  }
  return ranking;
}

/** Builds a report's key figures for the given metrics, each with its standing among the peers (if any). */
export function buildKeyFigures(subject: CheckedReport, metricIds: readonly MetricId[], peers: PeerGroup | null): KeyFigure[] {
  return metricIds.map((id) => {
    const metric = findMetric(id);
    if (!metric) throw new Error(`buildKeyFigures: unknown metric ${id}`);
    const v = deriveMetric(metric, subject);
    const shown = formatMetricValue(metric.unit, v.value, v.numerator, v.denominator, v.caution);
    let standing: PeerStanding | null = null;
    if (peers) {
      const ranking = rankPeers(peers.reports, id, metric);
      standing = {
        label: peers.label,
        counted: ranking.ranked.length,
        smallBase: ranking.smallBase.length,
        median: ranking.median,
        medianText: formatMetricValue(metric.unit, ranking.median, null, null, false).text,
        rank: ranking.ranked.find((x) => x.item.key === subject.meta.id)?.rank ?? null,
        href: !peers.compared ? null : peers.agency ? departmentComparePath(peers.year, id, peers.agency) : comparePath(peers.year, id),
      };
    }
    return {
      metricId: id,
      name: metric.name,
      unit: metric.unit,
      year: subject.meta.year,
      value: v.value,
      numerator: v.numerator,
      denominator: v.denominator,
      text: shown.text,
      caution: shown.caution,
      missing: v.missing?.message ?? null,
      flags: v.flags,
      peers: standing,
    };
  });
}

/** One line of a key-figures table, formatted for people. */
export interface KeyFigureRow {
  readonly name: string;
  /** The metric's comparison page that year (among the peers: a department's links to its kind's); null when there is none (a department alone of its kind that year). */
  readonly href: string | null;
  /** 36.0%, 25件中9件, 1,234; — when there is no value. */
  readonly value: string;
  /** A small-base sentence, or why there is no value; null otherwise. */
  readonly note: string | null;
  /** 未通过 T3-B, or '' when no rule fails on the value's cells. */
  readonly flag: string;
  /** The peers' median, or — when fewer than two are counted. */
  readonly median: string;
  /** 第 2 名（共 5 个）; 同级仅此一个，不排名; 基数小，不排名; — without peers. */
  readonly rank: string;
}

/** A publisher's key figures as a table: what its peers are, and a line per figure. */
export interface KeyFigureTable {
  /** 2020 年 */
  readonly year: number;
  /** 全省县级政府 (3 份报告) */
  readonly peerText: string;
  readonly rows: readonly KeyFigureRow[];
}

/** Formats a figure's rank among its peers for people. */
function formatRank(fig: KeyFigure): string {
  const p = fig.peers;
  if (!p || fig.value === null) return '—';
  if (fig.caution) return '基数小，不排名';
  // A rank among one (itself) says nothing: 第 1 名（共 1 个） would read as coming first.
  if (p.counted < 2) return '同级仅此一个，不排名';
  return p.rank !== null ? `第 ${p.rank} 名（共 ${p.counted} 个）` : '不排名';
}

/** Lays out key figures as a table, with the peer group named and counted. */
export function tabulateKeyFigures(figures: readonly KeyFigure[], peers: PeerGroup | null, year: number): KeyFigureTable {
  return {
    year,
    peerText: peers ? `${peers.label}（${year} 年共 ${peers.reports.length} 份报告）` : '',
    rows: figures.map((f) => ({
      name: f.name,
      href: f.peers ? f.peers.href : comparePath(f.year, f.metricId),
      value: f.text,
      note: f.value === null ? (f.missing ?? '无数据') : f.caution,
      flag: f.flags.length ? `未通过 ${f.flags.join('、')}` : '',
      // The median of one value is that one report's figure, not a standard to compare with (rankValues gives none).
      median: f.peers ? f.peers.medianText : '—',
      rank: formatRank(f),
    })),
  };
}
