/** The methodology page, generated from the same form and rule declarations the code uses. */
import { formatColumnLabel, formatRowLabel, listTableCells } from '../form/cells.ts';
import { FORMS, TABLE_IDS } from '../form/forms.ts';
import { listAllRules, type RuleId, type Severity } from '../form/rules.ts';
import { describeMetricCells, formatMetricFormula } from '../metrics/derive-metrics.ts';
import { METRICS, SMALL_BASE, type Comparability, type MetricSpec, type MetricUnit } from '../metrics/metric-specs.ts';
import type { KnownErrorEntry } from '../reports/types.ts';
import { REPORT_SCOPES } from '../reports/front-matter.ts';
import { metricAnchor, reportPath } from '../site/paths.ts';

/** A table of a form version, described for readers. */
export interface FormTableDoc {
  readonly caption: string;
  readonly cellCount: number;
  readonly columns: readonly { code: string; label: string; kind: string }[];
  readonly rows: readonly { code: string; label: string; columns: string }[];
}

/** A rule, described for readers, with the forms it applies to. */
export interface RuleDoc {
  readonly id: RuleId;
  readonly anchor: string;
  readonly title: string;
  readonly statement: string;
  readonly meaning: string;
  readonly severity: Severity;
  readonly severityLabel: string;
  readonly forms: string;
  readonly crossYear: boolean;
}

/** The cells a metric reads on one or more form versions (versions that read the same cells share one entry). */
export interface MetricCellsDoc {
  /** The form versions, e.g. “F2019、F2021”. */
  readonly forms: string;
  readonly numerator: string;
  /** Null for a count. */
  readonly denominator: string | null;
}

/** A derived metric, described for readers from its declaration. */
export interface MetricDoc {
  readonly id: string;
  readonly anchor: string;
  readonly name: string;
  readonly definition: string;
  readonly unitLabel: string;
  readonly formula: string;
  readonly cells: readonly MetricCellsDoc[];
  readonly comparability: Comparability;
  readonly comparabilityLabel: string;
  readonly comparabilityNote: string;
  /** The small-denominator rule of this metric in one sentence; null for a count. */
  readonly caution: string | null;
}

/** Everything the methodology page shows. */
export interface MethodologyView {
  readonly metrics: readonly MetricDoc[];
  /** The small-denominator rule shared by every rate, in one sentence. */
  readonly smallBaseRule: string;
  /** How rankings are made: who is compared with whom, ties, scope, flags. */
  readonly rankingRules: readonly string[];
  /** How a metric without a value is shown, one sentence per case. */
  readonly missingRules: readonly string[];
  readonly forms: readonly { id: string; notice: string; years: string; markers: string; tables: readonly FormTableDoc[] }[];
  readonly rules: readonly RuleDoc[];
  readonly scopes: readonly { code: string; label: string }[];
  readonly knownErrors: readonly { href: string; report: string; rule: RuleId; reason: string; status: string }[];
}

const KIND_LABELS = { count: '非负整数（件、条、项）', signed: '带符号整数（增/减）', money: '金额（可带小数，单位按报告所印）' } as const;
const SEVERITY_LABELS: Record<Severity, string> = { error: '错误：报告自身的数字对不上', warning: '提示：值得核对，可能有合理原因' };
const STATUS_LABELS: Record<KnownErrorEntry['status'], string> = { open: '未更正', reported: '已向发布机关反映', 'corrected-upstream': '发布机关已更正' };

const UNIT_LABELS: Record<MetricUnit, string> = { count: '数量（件）', share: '比例（%）', per100: '每百件申请中的件数' };
const COMPARABILITY_LABELS: Record<Comparability, string> = { comparable: '可比', approximate: '大体可比（口径略有不同）', 'not-comparable': '不可比' };

/** Lists the cells a metric reads per form version, merging versions that read cells described the same way. */
function describeMetricForms(metric: MetricSpec): MetricCellsDoc[] {
  const docs: { forms: string[]; numerator: string; denominator: string | null }[] = [];
  for (const form of FORMS) {
    const cells = describeMetricCells(metric, form);
    const same = docs.find((d) => d.numerator === cells.numerator && d.denominator === cells.denominator);
    if (same) same.forms.push(form.id);
    else docs.push({ forms: [form.id], ...cells });
  }
  return docs.map((d) => ({ ...d, forms: d.forms.join('、') }));
}

/** Describes every declared metric, in declared order. */
export function buildMetricDocs(): MetricDoc[] {
  return (METRICS as readonly MetricSpec[]).map((m) => ({
    id: m.id,
    anchor: metricAnchor(m.id),
    name: m.name,
    definition: m.definition,
    unitLabel: UNIT_LABELS[m.unit],
    formula: formatMetricFormula(m),
    cells: describeMetricForms(m),
    comparability: m.comparability,
    comparabilityLabel: COMPARABILITY_LABELS[m.comparability],
    comparabilityNote: m.comparabilityNote,
    caution: m.cautionBelow === null ? null : `${m.denominatorLabel ?? '分母'}不足 ${m.cautionBelow} 件时，以“分子/分母”的件数代替${m.unit === 'per100' ? '每百件数' : '百分比'}，仅供参考。`,
  }));
}

/** Builds the methodology page from the form and rule declarations and the known errors. */
export function buildMethodologyView(knownErrors: readonly KnownErrorEntry[]): MethodologyView {
  return {
    metrics: buildMetricDocs(),
    smallBaseRule: `比例的分母（基数）不足 ${SMALL_BASE} 件时，一两件之差就会让比例大起大落：趋势图以“m/n”（分子/分母的件数）代替百分比、画作空心点；排名图不给它名次，列在排名之后，写作“n件中m件”；均注明仅供参考。`,
    rankingRules: [
      '排名只在同一年、同一层级（省、地市、县）的政府之间进行，部门只与同类、同级的部门比较；统计范围为“全辖区”的数字已含其下级政府的数字，不同层级不可相加。',
      '名次从高到低，数值相同的名次相同（如 1、2、2、4）；中位数只取参与排名的数值。同级只有一个可比的数值时（如省级只有全省一份报告），图中照画这一条，但不给名次、不算中位数。',
      '每个名字旁注明报告的统计范围（本机关、本级政府及其部门、全辖区）：范围不同，数字的含义不同。',
      '所用单元格未通过一致性核对的，数值照印排名，旁注“未通过”及规则编号；图、嵌入页、图片和 CSV 都带此标注。',
    ],
    missingRules: [
      '所需单元格留空、印“/”或其他不能识别为数字的内容时，该指标记为无值，并说明是哪些单元格；不以 0 代替。',
      '分母为 0 时，比例记为无值，不写作 0%。',
      '报告自身数字对不上的，指标照所印数字计算，不作修正；报告页的“数据质量”部分列出未通过的规则。',
    ],
    forms: FORMS.map((form) => ({
      id: form.id,
      notice: form.notice,
      years: form.years.to ? `${form.years.from}–${form.years.to} 年度` : `${form.years.from} 年度起`,
      markers: form.markers.join('、'),
      tables: TABLE_IDS.map((t) => {
        const table = form.tables[t];
        return {
          caption: `表${table.section} ${table.title}（${t}）`,
          cellCount: listTableCells(table).length,
          columns: table.columns.map((c) => ({ code: c.code, label: formatColumnLabel(c), kind: KIND_LABELS[c.kind] })),
          rows: table.rows.map((r) => ({ code: r.code, label: formatRowLabel(r), columns: r.columns.length === table.columns.length ? '全部' : r.columns.join(', ') })),
        };
      }),
    })),
    rules: listAllRules().map((r) => ({
      id: r.id,
      anchor: `rule-${r.id}`,
      title: r.title,
      statement: r.statement,
      meaning: r.meaning,
      severity: r.severity,
      severityLabel: SEVERITY_LABELS[r.severity],
      forms: r.forms.join('、'),
      crossYear: r.kind === 'sum' && r.crossYear,
    })),
    scopes: Object.entries(REPORT_SCOPES).map(([code, label]) => ({ code, label })),
    knownErrors: knownErrors.map((e) => ({ href: reportPath(e.report), report: e.report, rule: e.rule, reason: e.reason, status: STATUS_LABELS[e.status] })),
  };
}
