/**
 * The derived metrics, declared once as data over the form's row and column codes (spec §3, §4, §6).
 * Pages, charts, trends, rankings and the methodology page all read these declarations; nothing
 * restates a formula elsewhere. Assumes every rate uses the printed （七）总计 (or 总计) as its
 * denominator, never a recomputed sum, so a report that breaks T3-B shows its own figure with a flag.
 */
import { OUTCOME_GROUPS } from '../form/forms.ts';
import type { ColumnCode, FormId, OutcomeGroupCode, RowCode, TableId } from '../form/types.ts';

/**
 * A block of cells that are added together: every listed row × every listed column of one table.
 * Rows are named by code, or for table 三 by outcome group (`denied` is the eight 不予公开 rows;
 * `other` is F2019's （六） or F2021's three （六） rows), as src/form declares the groups.
 */
export type CellSum =
  | RowSum<'active'>
  | RowSum<'requests'>
  | RowSum<'appeals'>
  | { readonly table: 'requests'; readonly groups: readonly OutcomeGroupCode[]; readonly columns: readonly ColumnCode<'requests'>[] };

/** Rows of one table named by code (type-checked against the form's codes). */
interface RowSum<T extends TableId> {
  readonly table: T;
  readonly rows: readonly RowCode<T>[];
  readonly columns: readonly ColumnCode<T>[];
}

/** The cells of a numerator or denominator: the same on both versions, or one block per version. */
export type MetricCells = CellSum | { readonly byForm: Readonly<Record<FormId, CellSum>> };

/** `count`: a number of things; `share`: numerator ÷ denominator (0–1); `per100`: × 100. */
export type MetricUnit = 'count' | 'share' | 'per100';

/**
 * Whether values on F2019 (2019–2020) and F2021 (2021 on) mean the same thing (spec §6):
 * `comparable` the same cells; `approximate` cells that correspond roughly; `not-comparable` not at all.
 */
export type Comparability = 'comparable' | 'approximate' | 'not-comparable';

/** One derived metric with its definition, cells and comparability. */
export interface MetricSpec {
  /** Permanent id, used in URLs and data files. */
  readonly id: string;
  /** Chinese name as pages and charts show it. */
  readonly name: string;
  /** The definition in one Chinese sentence, as the methodology page states it. */
  readonly definition: string;
  readonly unit: MetricUnit;
  readonly numerator: MetricCells;
  /** Short Chinese name of the numerator (for tables and formulas). */
  readonly numeratorLabel: string;
  /** Null for a count. */
  readonly denominator: MetricCells | null;
  readonly denominatorLabel: string | null;
  readonly comparability: Comparability;
  /** What a reader comparing 2019–2020 with 2021 on should know. */
  readonly comparabilityNote: string;
  /** A denominator below this shows the rate with a caution instead of a bare percentage; null for counts. */
  readonly cautionBelow: number | null;
}

/** The denominator threshold below which a rate is shown as “n 件中 m 件” with a caution. */
export const SMALL_BASE = 10;

/** The short labels of outcome groups as the form declares them, joined: 予以公开 + 部分公开. */
function labelGroups(...codes: OutcomeGroupCode[]): string {
  return codes.map((code) => OUTCOME_GROUPS.find((g) => g.code === code)?.shortLabel ?? code).join(' + ');
}

const TOTAL = ['total'] as const;
const OUTCOMES_COMPARABLE = '表三各格两版相同，比例可跨 2020/2021 比较。';
const CONCLUDED = ['upheld', 'corrected', 'other'] as const;

/** Every metric, in the order pages and the methodology page list them. */
export const METRICS = [
  {
    id: 'requests_received',
    name: '申请总量',
    definition: '本年新收的政府信息公开申请数量（表三“一、本年新收”行“总计”栏），不含上年结转。',
    unit: 'count',
    numerator: { table: 'requests', rows: ['received_new'], columns: TOTAL },
    numeratorLabel: '本年新收申请',
    denominator: null,
    denominatorLabel: null,
    comparability: 'comparable',
    comparabilityNote: '两版表三的“本年新收”行相同，可跨 2020/2021 比较。',
    cautionBelow: null,
  },
  {
    id: 'grant_rate',
    name: '公开率',
    definition: '（一）予以公开与（二）部分公开之和占（七）总计的比例（均取“总计”栏）。',
    unit: 'share',
    numerator: { table: 'requests', groups: ['granted', 'partially_granted'], columns: TOTAL },
    numeratorLabel: labelGroups('granted', 'partially_granted'),
    denominator: { table: 'requests', rows: ['processed_total'], columns: TOTAL },
    denominatorLabel: '办理结果总计',
    comparability: 'comparable',
    comparabilityNote: OUTCOMES_COMPARABLE,
    cautionBelow: SMALL_BASE,
  },
  {
    id: 'denial_rate',
    name: `${labelGroups('denied')}率`,
    definition: '（三）不予公开八项之和占（七）总计的比例。',
    unit: 'share',
    numerator: { table: 'requests', groups: ['denied'], columns: TOTAL },
    numeratorLabel: labelGroups('denied'),
    denominator: { table: 'requests', rows: ['processed_total'], columns: TOTAL },
    denominatorLabel: '办理结果总计',
    comparability: 'comparable',
    comparabilityNote: OUTCOMES_COMPARABLE,
    cautionBelow: SMALL_BASE,
  },
  {
    id: 'unavailable_rate',
    name: `${labelGroups('unavailable')}率`,
    definition: '（四）无法提供三项之和占（七）总计的比例。',
    unit: 'share',
    numerator: { table: 'requests', groups: ['unavailable'], columns: TOTAL },
    numeratorLabel: labelGroups('unavailable'),
    denominator: { table: 'requests', rows: ['processed_total'], columns: TOTAL },
    denominatorLabel: '办理结果总计',
    comparability: 'comparable',
    comparabilityNote: OUTCOMES_COMPARABLE,
    cautionBelow: SMALL_BASE,
  },
  {
    id: 'not_held_share',
    name: '“本机关不掌握”占比',
    definition: '（四）1.本机关不掌握相关政府信息占（七）总计的比例。',
    unit: 'share',
    numerator: { table: 'requests', rows: ['unavailable_not_held'], columns: TOTAL },
    numeratorLabel: '本机关不掌握',
    denominator: { table: 'requests', rows: ['processed_total'], columns: TOTAL },
    denominatorLabel: '办理结果总计',
    comparability: 'comparable',
    comparabilityNote: OUTCOMES_COMPARABLE,
    cautionBelow: SMALL_BASE,
  },
  {
    id: 'not_processed_rate',
    name: `${labelGroups('not_processed')}率`,
    definition: '（五）不予处理五项之和占（七）总计的比例。',
    unit: 'share',
    numerator: { table: 'requests', groups: ['not_processed'], columns: TOTAL },
    numeratorLabel: labelGroups('not_processed'),
    denominator: { table: 'requests', rows: ['processed_total'], columns: TOTAL },
    denominatorLabel: '办理结果总计',
    comparability: 'comparable',
    comparabilityNote: OUTCOMES_COMPARABLE,
    cautionBelow: SMALL_BASE,
  },
  {
    id: 'other_rate',
    name: `${labelGroups('other')}率`,
    definition: '（六）其他处理占（七）总计的比例；2021 版为（六）下三项之和。',
    unit: 'share',
    numerator: { table: 'requests', groups: ['other'], columns: TOTAL },
    numeratorLabel: labelGroups('other'),
    denominator: { table: 'requests', rows: ['processed_total'], columns: TOTAL },
    denominatorLabel: '办理结果总计',
    comparability: 'comparable',
    comparabilityNote: '2021 版把（六）分为三项；只有三项之和与 2019 版的（六）可比。',
    cautionBelow: SMALL_BASE,
  },
  {
    id: 'natural_person_share',
    name: '自然人申请占比',
    definition: '本年新收申请中自然人提出的比例（“一、本年新收”行，自然人栏 ÷ 总计栏）。',
    unit: 'share',
    numerator: { table: 'requests', rows: ['received_new'], columns: ['natural_person'] },
    numeratorLabel: '自然人新收申请',
    denominator: { table: 'requests', rows: ['received_new'], columns: TOTAL },
    denominatorLabel: '本年新收申请',
    comparability: 'comparable',
    comparabilityNote: '两版表三的申请人栏相同，可跨 2020/2021 比较。',
    cautionBelow: SMALL_BASE,
  },
  {
    id: 'review_correction_rate',
    name: '复议纠错率',
    definition: '行政复议中结果纠正的案件占已审结案件（维持 + 纠正 + 其他结果，不含尚未审结）的比例。',
    unit: 'share',
    numerator: { table: 'appeals', rows: ['review'], columns: ['corrected'] },
    numeratorLabel: '复议结果纠正',
    denominator: { table: 'appeals', rows: ['review'], columns: CONCLUDED },
    denominatorLabel: '复议已审结',
    comparability: 'comparable',
    comparabilityNote: '两版表四相同，可跨 2020/2021 比较。',
    cautionBelow: SMALL_BASE,
  },
  {
    id: 'litigation_correction_rate',
    name: '诉讼纠错率',
    definition: '行政诉讼（未经复议直接起诉与复议后起诉合计）中结果纠正的案件占已审结案件的比例。',
    unit: 'share',
    numerator: { table: 'appeals', rows: ['litigation_direct', 'litigation_after_review'], columns: ['corrected'] },
    numeratorLabel: '诉讼结果纠正',
    denominator: { table: 'appeals', rows: ['litigation_direct', 'litigation_after_review'], columns: CONCLUDED },
    denominatorLabel: '诉讼已审结',
    comparability: 'comparable',
    comparabilityNote: '两版表四相同，可跨 2020/2021 比较。',
    cautionBelow: SMALL_BASE,
  },
  {
    id: 'appeals_per_100',
    name: '每百件申请的复议诉讼',
    definition: '行政复议、直接起诉、复议后起诉的案件总数（各行“总计”栏之和）与本年新收申请数之比，乘以 100。',
    unit: 'per100',
    numerator: { table: 'appeals', rows: ['review', 'litigation_direct', 'litigation_after_review'], columns: TOTAL },
    numeratorLabel: '复议与诉讼案件',
    denominator: { table: 'requests', rows: ['received_new'], columns: TOTAL },
    denominatorLabel: '本年新收申请',
    comparability: 'comparable',
    comparabilityNote: '两版表三、表四相同，可跨 2020/2021 比较；复议后起诉的案件在复议中已计过一次。',
    cautionBelow: SMALL_BASE,
  },
  {
    id: 'normative_documents_issued',
    name: '新制发规范性文件',
    definition: '本年新制作（2019 版）或本年制发（2021 版）的规范性文件件数。',
    unit: 'count',
    numerator: {
      byForm: {
        F2019: { table: 'active', rows: ['normative_documents'], columns: ['new_made'] },
        F2021: { table: 'active', rows: ['normative_documents'], columns: ['issued'] },
      },
    },
    numeratorLabel: '新制发规范性文件',
    denominator: null,
    denominatorLabel: null,
    comparability: 'approximate',
    comparabilityNote: '2019 版“本年新制作数量”与 2021 版“本年制发件数”大体对应，口径不完全相同。',
    cautionBelow: null,
  },
  {
    id: 'licensing_decisions',
    name: '行政许可处理决定',
    definition: '表二行政许可的处理决定数量。',
    unit: 'count',
    numerator: { table: 'active', rows: ['licensing'], columns: ['decisions'] },
    numeratorLabel: '行政许可处理决定',
    denominator: null,
    denominatorLabel: null,
    comparability: 'approximate',
    comparabilityNote: '两版都有“处理决定数量”，但 2021 版不再报“上一年项目数量”，统计口径可能有变化。',
    cautionBelow: null,
  },
] as const satisfies readonly MetricSpec[];

/** The id of a declared metric. */
export type MetricId = (typeof METRICS)[number]['id'];

/** Finds a metric by id; undefined for an unknown id. */
export function findMetric(id: string): MetricSpec | undefined {
  return (METRICS as readonly MetricSpec[]).find((m) => m.id === id);
}
