/**
 * Active disclosure (table 二), aware of the form version: one panel of documents (规章, 规范性文件 by
 * the version's own columns: F2019 新制作/新公开/对外公开总数, F2021 制发/废止/现行有效) and one of
 * 处理决定数量 (行政许可, 处罚, 强制 …). Item counts, fees and procurement have other units and are
 * not drawn; they stay in the table equivalent, with their units as printed.
 */
import type { EChartsOption } from 'echarts';
import { buildAxisStyle, buildBaseOption, buildLabelStyle, buildLegendStyle, isNarrow, measureLabelRoom, measureValueRoom, type BuiltChart } from './chart-theme.ts';
import { drawFrom, type ChartEntry, type ChartNumbers, type ChartTable } from './chart-entry.ts';
import { buildBarStyle, pickBarPattern } from './marks.ts';
import { OKABE_ITO, SERIES_COLORS } from './palette.ts';
import { formatFull, formatProse, formatSigned } from '../format/format-number.ts';
import { findColumn } from '../form/cells.ts';
import type { ColumnSpec } from '../form/types.ts';
import type { JurisdictionIndex } from '../jurisdictions/jurisdictions.ts';
import type { Cell, CheckedReport } from '../reports/types.ts';
import { labelForm, listChartRuleNotes, nameSeries, readValue } from './read-report.ts';

/** A labelled column or row. */
export interface ActiveLabel {
  readonly code: string;
  readonly label: string;
}

/** The view data of the active-disclosure chart. */
export interface ActiveChartData {
  readonly title: string;
  /** The form version, as readers should see it (2019 版表式). */
  readonly formLabel: string;
  readonly documents: {
    readonly columns: readonly ActiveLabel[];
    /** Values in column order; null when blank. */
    readonly rows: readonly (ActiveLabel & { readonly values: readonly (number | null)[] })[];
  };
  readonly decisions: {
    readonly columnLabel: string;
    readonly rows: readonly (ActiveLabel & { readonly value: number | null })[];
  };
  /** Cells with other units (money, item counts), formatted with their unit or printed text; table only. */
  readonly others: readonly { readonly row: string; readonly column: string; readonly text: string }[];
}

const BAR = 13;
const DOC_TITLE = '规章和规范性文件（件）';

/** Builds the two-panel option: grouped document bars on top, decision bars below. */
export function buildActiveOption(data: Pick<ActiveChartData, 'documents' | 'decisions'>, width: number): BuiltChart {
  const narrow = isNarrow(width);
  const docColumns = data.documents.columns.length;
  const allLabels = [...data.documents.rows, ...data.decisions.rows].map((r) => r.label);
  const left = measureLabelRoom(allLabels);
  const values = [...data.documents.rows.flatMap((r) => r.values), ...data.decisions.rows.map((r) => r.value)];
  const right = measureValueRoom(values.map((v) => formatFull(v)));
  const legendHeight = narrow && docColumns * 110 > width ? 44 : 22;
  const top1 = 22 + legendHeight;
  const h1 = data.documents.rows.length * (docColumns * BAR + 14);
  const top2 = top1 + h1 + 34;
  const h2 = data.decisions.rows.length * 24;
  const tips: string[][] = data.documents.columns.map((col, s) =>
    data.documents.rows.map((row) => `${row.label} · ${col.label}：${formatFull(row.values[s] ?? null)} 件`),
  );
  tips.push(data.decisions.rows.map((row) => `${row.label} · ${data.decisions.columnLabel}：${formatFull(row.value)}`));
  const label = { ...buildLabelStyle(), show: true, position: 'right' as const };
  const option: EChartsOption = {
    ...buildBaseOption(),
    title: [
      { text: DOC_TITLE, left: 0, top: 0, textStyle: { ...buildLabelStyle(), fontWeight: 'bold' } },
      { text: `${data.decisions.columnLabel}`, left: 0, top: top1 + h1 + 10, textStyle: { ...buildLabelStyle(), fontWeight: 'bold' } },
    ],
    legend: { ...buildLegendStyle(), top: 20, data: data.documents.columns.map((c) => c.label) },
    grid: [
      { left, right, top: top1, height: h1 },
      { left, right, top: top2, height: h2 },
    ],
    xAxis: [
      { type: 'value', gridIndex: 0, show: false, max: 'dataMax' },
      { type: 'value', gridIndex: 1, show: false, max: 'dataMax' },
    ],
    yAxis: [
      { type: 'category', gridIndex: 0, inverse: true, data: data.documents.rows.map((r) => r.label), ...buildAxisStyle(), axisLine: { show: false } },
      { type: 'category', gridIndex: 1, inverse: true, data: data.decisions.rows.map((r) => r.label), ...buildAxisStyle(), axisLine: { show: false } },
    ],
    series: [
      ...data.documents.columns.map((col, s) => ({
        type: 'bar' as const,
        name: col.label,
        xAxisIndex: 0,
        yAxisIndex: 0,
        barWidth: BAR - 2,
        barGap: '20%',
        emphasis: { disabled: true },
        itemStyle: buildBarStyle(SERIES_COLORS[s % SERIES_COLORS.length] ?? OKABE_ITO.blue, pickBarPattern(s)),
        data: data.documents.rows.map((row) => ({ value: row.values[s] ?? '-', label: { ...label, formatter: formatFull(row.values[s] ?? null) } })),
      })),
      {
        type: 'bar' as const,
        name: data.decisions.columnLabel,
        xAxisIndex: 1,
        yAxisIndex: 1,
        barWidth: 14,
        emphasis: { disabled: true },
        itemStyle: { color: OKABE_ITO.skyBlue },
        data: data.decisions.rows.map((row) => ({ value: row.value ?? '-', label: { ...label, formatter: formatFull(row.value) } })),
      },
    ],
  };
  return { option, size: { width, height: top2 + h2 + 8 }, tips };
}

/** Describes the active-disclosure figures in Chinese. */
export function describeActive(data: ActiveChartData): string {
  const docs = data.documents.rows
    .map((row) => `${row.label}${data.documents.columns.map((c, s) => `${c.label} ${formatProse(row.values[s] ?? null)}`).join('、')}`)
    .join('；');
  const decisions = data.decisions.rows.map((r) => `${r.label} ${formatProse(r.value)}`).join('、');
  return `按${data.formLabel}：${docs}。${data.decisions.columnLabel}：${decisions}。`;
}

/** The figures as a long table (项目, 栏目, 数值): documents, decisions, then the cells not drawn with their units. */
export function tabulateActive(data: ActiveChartData): ChartTable {
  const rows = [
    ...data.documents.rows.flatMap((row) => data.documents.columns.map((c, s) => ({ header: row.label, cells: [c.label, formatFull(row.values[s] ?? null)] }))),
    ...data.decisions.rows.map((row) => ({ header: row.label, cells: [data.decisions.columnLabel, formatFull(row.value)] })),
    ...data.others.map((o) => ({ header: o.row, cells: [o.column, o.text] })),
  ];
  return { caption: data.title, columns: ['项目', '栏目', '数值'], rows, notes: [] };
}

/** Formats any cell of table 二 for a table: counts in full, signs explicit, money with its unit or the printed text. */
function formatActiveCell(cell: Cell | undefined, column: ColumnSpec): string {
  if (!cell || cell.value === null) return cell?.raw ? `“${cell.raw}”（无法读取）` : '—（未填写）';
  if (column.kind === 'signed') return formatSigned(cell.value);
  if (column.kind === 'money') return `${formatFull(cell.value)}${cell.unit ?? column.fixedUnit ?? '（未注明单位）'}`;
  return formatFull(cell.value);
}

/**
 * Derives the active-disclosure data, form-aware: the document rows are those with the columns of
 * the first row (规章); the decision rows those with a `decisions` column; every other cell is listed.
 */
export function deriveActiveData(report: CheckedReport, jurisdictions: JurisdictionIndex): ActiveChartData {
  const form = report.form;
  const table = form.tables.active;
  const first = table.rows[0];
  const docRows = table.rows.filter((r) => first && r.columns.join() === first.columns.join());
  const decisionRows = table.rows.filter((r) => r.columns.includes('decisions'));
  const docColumns = (first?.columns ?? []).map((code) => ({ code, label: findColumn(table, code)?.label ?? code }));
  const decisionColumn = findColumn(table, 'decisions');
  const drawn = new Set([...docRows.flatMap((r) => r.columns.map((c) => `${r.code}.${c}`)), ...decisionRows.map((r) => `${r.code}.decisions`)]);
  const others = table.rows.flatMap((r) =>
    r.columns
      .filter((c) => !drawn.has(`${r.code}.${c}`))
      .map((c) => {
        const col = findColumn(table, c);
        return { row: r.label, column: col?.label ?? c, text: col ? formatActiveCell(report.tables.active[r.code]?.[c], col) : '—' };
      }),
  );
  return {
    title: `${nameSeries(report, jurisdictions)}${report.meta.year}年主动公开政府信息情况`,
    formLabel: labelForm(form),
    documents: {
      columns: docColumns,
      rows: docRows.map((r) => ({ code: r.code, label: r.label, values: docColumns.map((c) => readValue(report, 'active', r.code, c.code)) })),
    },
    decisions: {
      columnLabel: decisionColumn?.label ?? 'decisions',
      rows: decisionRows.map((r) => ({ code: r.code, label: r.label, value: readValue(report, 'active', r.code, 'decisions') })),
    },
    others,
  };
}

/** Active disclosure: the document counts by column, then the decision counts (the figures drawn). */
export function tabulateActiveNumbers(data: ActiveChartData): ChartNumbers {
  return {
    columns: ['项目', '代码', '栏目', '栏目代码', '数值'],
    rows: [
      ...data.documents.rows.flatMap((row) => data.documents.columns.map((c, s) => [row.label, row.code, c.label, c.code, row.values[s] ?? null])),
      ...data.decisions.rows.map((row) => [row.label, row.code, data.decisions.columnLabel, 'decisions', row.value]),
    ],
  };
}

/** The key of the active-disclosure chart among a report's charts. */
export const ACTIVE_KEY = 'active';

/** A report's active-disclosure chart. */
export function buildActiveChart(report: CheckedReport, jurisdictions: JurisdictionIndex): ChartEntry {
  const active = deriveActiveData(report, jurisdictions);
  return { key: ACTIVE_KEY, title: active.title, description: describeActive(active), table: tabulateActive(active), data: tabulateActiveNumbers(active), notes: listChartRuleNotes(report, 'active', () => true), ...drawFrom('active', { documents: active.documents, decisions: active.decisions }, buildActiveOption) };
}
