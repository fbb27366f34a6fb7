/**
 * Where a report's requests went (table 三, 总计 column): received (new + carried over) → outcome
 * group → reason, as a Sankey. Assumes the groups come in form order and that the layout must keep
 * that order (layoutIterations 0), so the chart reads the same way as the printed table. On a narrow
 * chart the received node is one column (new and carried-over in its label) so that three columns
 * leave room for the reason labels; on a wide one new and carried-over requests get their own nodes.
 */
import { buildBaseOption, buildLabelStyle, fitLabel, isNarrow, measureLabelRoom, type BuiltChart } from './chart-theme.ts';
import { drawFrom, type ChartEntry, type ChartNumbers, type ChartTable } from './chart-entry.ts';
import { NEUTRAL, OUTCOME_COLORS } from './palette.ts';
import type { OutcomeGroupCode, RowCode } from '../form/types.ts';
import { formatFull, formatPercent, formatProse } from '../format/format-number.ts';
import { findRow, listOutcomeGroups } from '../form/cells.ts';
import type { JurisdictionIndex } from '../jurisdictions/jurisdictions.ts';
import type { CheckedReport } from '../reports/types.ts';
import { listChartRuleNotes, nameSeries, readValue, requestRowLabel, sumValues } from './read-report.ts';

/** The outcome groups of table 三 (declared in src/form) plus 结转下年度, as keys of OUTCOME_COLORS. */
export type OutcomeGroupKey = OutcomeGroupCode | 'carried_forward';

/** One printed row counted in a group (a reason), with its value or null when blank. */
export interface FlowReason {
  readonly code: string;
  readonly label: string;
  /** The row's full printed label, for the table. */
  readonly fullLabel: string;
  readonly value: number | null;
}

/** One outcome group: its rows' sum (null when any row is blank) and, for grouped rows, the reasons. */
export interface FlowGroup {
  readonly key: OutcomeGroupKey;
  readonly label: string;
  readonly value: number | null;
  /** Empty when the group is a single printed row (予以公开, 部分公开, F2019 其他处理, 结转). */
  readonly reasons: readonly FlowReason[];
}

/** The view data of the request-flow chart. */
export interface RequestFlowChartData {
  /** The accessible name: 黑龙江省2020年政府信息公开申请的办理结果. */
  readonly title: string;
  readonly receivedNew: number | null;
  readonly carriedOver: number | null;
  /** The form's short labels of the two received rows (本年新收, 上年结转). */
  readonly receivedNewLabel: string;
  readonly carriedOverLabel: string;
  /** The outcome groups in form order, then 结转下年度继续办理. */
  readonly groups: readonly FlowGroup[];
  /** The printed （七）总计, kept to show where the outcomes do not add up to it. */
  readonly printedTotal: number | null;
  /** Sentences about failing rules on the 总计 column (T3-A, T3-B), shown with the chart. */
  readonly notes: readonly string[];
}

const LABEL_GAP = 16;

/** Sum of the received requests; null when either is blank. */
function sumReceived(data: Pick<RequestFlowChartData, 'receivedNew' | 'carriedOver'>): number | null {
  return data.receivedNew === null || data.carriedOver === null ? null : data.receivedNew + data.carriedOver;
}

/** Whether there is anything to draw: some positive outcome. */
export function hasRequestFlow(data: RequestFlowChartData): boolean {
  return data.groups.some((g) => (g.value ?? 0) > 0 || g.reasons.some((r) => (r.value ?? 0) > 0));
}

/** The share text of a value in the received total, or '' when there is no total. */
function formatShareOf(value: number, total: number | null): string {
  return total ? `，占收到申请的${formatPercent(value / total)}` : '';
}

/** Builds the Sankey option, laid out for a width (narrow: three columns; wide: four). */
export function buildRequestFlowOption(data: Pick<RequestFlowChartData, 'receivedNew' | 'carriedOver' | 'receivedNewLabel' | 'carriedOverLabel' | 'groups'>, width: number): BuiltChart {
  const narrow = isNarrow(width);
  const received = sumReceived(data);
  const nodes: Record<string, unknown>[] = [];
  const links: { source: string; target: string; value: number }[] = [];
  const tips: string[] = [];
  const reasonLabels = data.groups.flatMap((g) => g.reasons.filter((r) => (r.value ?? 0) > 0).map((r) => `${r.label} ${formatFull(r.value)}`));
  const groupLabels = data.groups.filter((g) => (g.value ?? 0) > 0).map((g) => `${g.label} ${formatFull(g.value)}`);
  const labelWidth = Math.min(measureLabelRoom(reasonLabels.length ? reasonLabels : groupLabels, 0), narrow ? 138 : 250);
  const node = (name: string, label: [string, string], color: string, depth: number, tip: string, last = false): void => {
    nodes.push({
      name,
      depth,
      itemStyle: { color },
      label: { formatter: last ? fitLabel(label[0], label[1], labelWidth) : `${label[0]} ${label[1]}` },
    });
    tips.push(tip);
  };
  const hub = '收到申请';
  const hubDepth = narrow ? 0 : 1;
  let maxColumn = 0;
  const reasonCount = data.groups.flatMap((g) => g.reasons).filter((r) => (r.value ?? 0) > 0).length;
  // Each node but the hub is listed with its one incoming link at the same index, so that an
  // edge's ecmeta_data_index points at the tip of the node it flows into.
  for (const group of data.groups) {
    if (!group.value) continue;
    const color = OUTCOME_COLORS[group.key];
    node(group.key, [group.label, formatFull(group.value)], color, hubDepth + 1, `${group.label} ${formatFull(group.value)} 件${formatShareOf(group.value, received)}`, reasonCount === 0);
    links.push({ source: hub, target: group.key, value: group.value });
    maxColumn += 1;
    for (const reason of group.reasons) {
      if (!reason.value) continue;
      node(reason.code, [reason.label, formatFull(reason.value)], color, hubDepth + 2, `${group.label}：${reason.fullLabel} ${formatFull(reason.value)} 件`, true);
      links.push({ source: group.key, target: reason.code, value: reason.value });
    }
  }
  const [newLabel, carriedLabel] = [data.receivedNewLabel, data.carriedOverLabel];
  node(hub, ['收到', formatFull(received ?? data.receivedNew)], NEUTRAL, hubDepth, `收到申请 ${formatFull(received)} 件：${newLabel} ${formatFull(data.receivedNew)} 件，${carriedLabel} ${formatFull(data.carriedOver)} 件`);
  if (!narrow) {
    // The carried-over link takes the hub's index (whose tip names both), the new link its own node's.
    if (data.carriedOver) links.push({ source: carriedLabel, target: hub, value: data.carriedOver });
    if (data.receivedNew) {
      node(newLabel, [newLabel, formatFull(data.receivedNew)], NEUTRAL, 0, `${newLabel}申请 ${formatFull(data.receivedNew)} 件`);
      links.push({ source: newLabel, target: hub, value: data.receivedNew });
    }
    if (data.carriedOver) node(carriedLabel, [carriedLabel, formatFull(data.carriedOver)], NEUTRAL, 0, `${carriedLabel}申请 ${formatFull(data.carriedOver)} 件`);
  }
  maxColumn = Math.max(maxColumn, reasonCount);
  const height = Math.max(220, 24 + maxColumn * LABEL_GAP + 160);
  return {
    size: { width, height },
    tips: [tips],
    option: {
      ...buildBaseOption(),
      series: [
        {
          type: 'sankey',
          left: 4,
          top: 12,
          bottom: 12,
          right: labelWidth + 8,
          nodeWidth: 10,
          nodeGap: LABEL_GAP,
          nodeAlign: 'left',
          layoutIterations: 0,
          draggable: false,
          emphasis: { disabled: true },
          label: { ...buildLabelStyle(), position: 'right', distance: 4 },
          lineStyle: { color: 'target', opacity: 0.3, curveness: 0.5 },
          data: nodes,
          links,
        },
      ],
    },
  };
}

/** Describes in Chinese what the chart shows, with the numbers, for screen readers and the figure caption (the rule notes are shown apart). */
export function describeRequestFlow(data: RequestFlowChartData): string {
  const received = sumReceived(data);
  const head = `${data.receivedNewLabel}申请 ${formatProse(data.receivedNew)} 件，${data.carriedOverLabel} ${formatProse(data.carriedOver)} 件`;
  if (!hasRequestFlow(data)) return `${head}，没有办理结果可画。`;
  const parts = data.groups
    .filter((g) => g.value === null || g.value > 0)
    .map((g) => {
      if (g.value === null) return `${g.label}未填写`;
      const top = [...g.reasons].filter((r) => (r.value ?? 0) > 0).sort((a, b) => (b.value ?? 0) - (a.value ?? 0))[0];
      const reason = g.reasons.length && top ? `（最多为“${top.label}” ${formatProse(top.value)} 件）` : '';
      return `${g.label} ${formatProse(g.value)} 件${received ? `（${formatPercent(g.value / received)}）` : ''}${reason}`;
    });
  return `${head}。其中${parts.join('，')}。`;
}

/** The chart's data as a table: every group and reason row with its printed value. */
export function tabulateRequestFlow(data: RequestFlowChartData): ChartTable {
  const received = sumReceived(data);
  const share = (v: number | null): string => (v === null || !received ? '—' : formatPercent(v / received));
  const rows = [
    { header: data.receivedNewLabel, cells: [formatFull(data.receivedNew), ''] },
    { header: data.carriedOverLabel, cells: [formatFull(data.carriedOver), ''] },
    ...data.groups.flatMap((g) => [
      { header: g.label, cells: [formatFull(g.value), share(g.value)] },
      ...g.reasons.map((r) => ({ header: `　${r.fullLabel}`, cells: [formatFull(r.value), share(r.value)] })),
    ]),
    { header: '办理结果总计（报告所印）', cells: [formatFull(data.printedTotal), ''] },
  ];
  return { caption: data.title, columns: ['项目', '件数', '占收到申请'], rows, notes: data.notes };
}

/** Derives the request-flow (Sankey) data of a report from table 三's 总计 column. */
export function deriveRequestFlowData(report: CheckedReport, jurisdictions: JurisdictionIndex): RequestFlowChartData {
  const form = report.form;
  const total = (row: RowCode<'requests'>): number | null => readValue(report, 'requests', row, 'total');
  const groups: FlowGroup[] = listOutcomeGroups(form).map(({ group, rows }) => {
    const reasons = rows.length > 1 ? rows.map((r) => ({ code: r.code, label: r.shortLabel, fullLabel: `${r.number ?? ''}${r.label}`, value: total(r.code) })) : [];
    return { key: group.code, label: group.shortLabel, value: sumValues(rows.map((r) => total(r.code))), reasons };
  });
  const forward = findRow(form.tables.requests, 'carried_forward');
  if (forward) groups.push({ key: 'carried_forward', label: forward.shortLabel, value: total('carried_forward'), reasons: [] });
  return {
    title: `${nameSeries(report, jurisdictions)}${report.meta.year}年政府信息公开申请的办理结果`,
    receivedNew: total('received_new'),
    carriedOver: total('carried_over'),
    receivedNewLabel: requestRowLabel(report, 'received_new'),
    carriedOverLabel: requestRowLabel(report, 'carried_over'),
    groups,
    printedTotal: total('processed_total'),
    notes: listChartRuleNotes(report, 'requests', (_row, column) => column === 'total'),
  };
}

/** The note of a figure the chart adds up from printed rows. */
export const SUM_NOTE = '各原因之和，报告未单独印出';

/** The request flow: received, every outcome group and reason, carried forward, and the printed total. */
export function tabulateRequestFlowNumbers(data: RequestFlowChartData): ChartNumbers {
  return {
    columns: ['项目', '代码', '所属', '件数', '说明'],
    rows: [
      [data.receivedNewLabel, 'received_new', '', data.receivedNew, ''],
      [data.carriedOverLabel, 'carried_over', '', data.carriedOver, ''],
      ...data.groups.flatMap((g) => [
        [g.label, g.key, '', g.value, g.reasons.length ? SUM_NOTE : ''],
        ...g.reasons.map((r) => [r.fullLabel, r.code, g.label, r.value, '']),
      ]),
      ['办理结果总计（报告所印）', 'processed_total', '', data.printedTotal, ''],
    ],
  };
}

/** The key of the request-flow chart among a report's charts. */
export const REQUEST_FLOW_KEY = 'flow';

/** A report's request-flow chart: where its requests went. */
export function buildRequestFlowChart(report: CheckedReport, jurisdictions: JurisdictionIndex): ChartEntry {
  const flow = deriveRequestFlowData(report, jurisdictions);
  return { key: REQUEST_FLOW_KEY, title: flow.title, description: describeRequestFlow(flow), table: tabulateRequestFlow(flow), data: tabulateRequestFlowNumbers(flow), notes: flow.notes, ...drawFrom('request-flow', { receivedNew: flow.receivedNew, carriedOver: flow.carriedOver, receivedNewLabel: flow.receivedNewLabel, carriedOverLabel: flow.carriedOverLabel, groups: flow.groups }, buildRequestFlowOption, hasRequestFlow(flow)) };
}
