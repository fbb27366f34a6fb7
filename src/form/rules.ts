/**
 * The consistency rules (spec §5), declared as data over the form's row and column codes.
 * Rule ids are permanent once published: never rename or reuse one.
 */
import { FORMS } from './forms.ts';
import type { FormId, FormSpec, TableId } from './types.ts';

/** Every rule id the project has ever published. */
export type RuleId = 'T3-A' | 'T3-B' | 'T3-C' | 'T4-A' | 'T2-A' | 'X-1' | 'X-2' | 'G-1';

/** `error`: the report breaks its own arithmetic; `warning`: worth a look, may be legitimate. */
export type Severity = 'error' | 'warning';

/** One addend of a rule: a row (or column) code, optionally negated or taken from the previous year. */
export interface Term {
  readonly code: string;
  readonly sign: 1 | -1;
  /** 0: this report; -1: the same jurisdiction's report for the previous year. */
  readonly year: 0 | -1;
}

/** What every rule says about itself, for pages and diagnostics. */
interface RuleInfo {
  readonly id: RuleId;
  readonly severity: Severity;
  /** Short Chinese title. */
  readonly title: string;
  /** The rule in words, as the methodology page states it. */
  readonly statement: string;
  /** What a failure means and what a reader should make of it. */
  readonly meaning: string;
  /** The form versions it applies to. */
  readonly forms: readonly FormId[];
}

/**
 * An arithmetic rule: for each column (or each row) of a table, the sum of the `left` terms
 * stands in `relation` to the sum of the `right` terms. With `each: 'column'` the terms name rows;
 * with `each: 'row'` they name columns.
 */
export interface SumRule extends RuleInfo {
  readonly kind: 'sum';
  readonly table: TableId;
  readonly each: 'column' | 'row';
  /** Restricts the iteration to these codes; all codes of the table when absent. */
  readonly only?: readonly string[];
  readonly left: readonly Term[];
  readonly right: readonly Term[];
  readonly relation: 'eq' | 'ge';
  /** Whether it compares a report with the previous year's report of the same jurisdiction. */
  readonly crossYear: boolean;
}

/** The cell-kind rule: every cell holds what its column's kind allows. */
export interface CellKindRule extends RuleInfo {
  readonly kind: 'cell-kind';
}

/** Any consistency rule. */
export type RuleSpec = SumRule | CellKindRule;

const ALL_FORMS: readonly FormId[] = FORMS.map((f) => f.id);

/** Builds terms from codes; a leading `-` negates, a trailing `@-1` takes the previous year. */
function terms(...codes: string[]): Term[] {
  return codes.map((spec) => {
    const sign = spec.startsWith('-') ? -1 : 1;
    const year = spec.endsWith('@-1') ? -1 : 0;
    return { code: spec.replace(/^-/, '').replace(/@-1$/, ''), sign, year };
  });
}

/** The outcome rows of table 三 that （七）总计 sums, as the form marks them. */
function outcomeRows(form: FormSpec): string[] {
  return form.tables.requests.rows.filter((r) => r.role === 'outcome').map((r) => r.code);
}

/** The applicant columns of table 三 that 总计 sums: every column but `total`. */
function applicantColumns(form: FormSpec): string[] {
  return form.tables.requests.columns.map((c) => c.code).filter((c) => c !== 'total');
}

/** Declares the rules as they apply to one form version. */
export function listRules(form: FormSpec): RuleSpec[] {
  const rules: RuleSpec[] = [
    {
      kind: 'sum',
      id: 'T3-A',
      severity: 'error',
      title: '申请数量收支平衡',
      statement: '表三每一列：一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理（表上印有：第一项加第二项之和，等于第三项加第四项之和）。',
      meaning: '收到的申请与办结、结转的申请对不上：至少有一个数字印错，或有申请未计入。',
      forms: ALL_FORMS,
      table: 'requests',
      each: 'column',
      left: terms('received_new', 'carried_over'),
      right: terms('processed_total', 'carried_forward'),
      relation: 'eq',
      crossYear: false,
    },
    {
      kind: 'sum',
      id: 'T3-B',
      severity: 'error',
      title: '办理结果合计',
      statement: '表三每一列：（七）总计 = （一）至（六）各项办理结果之和。',
      meaning: '各项办理结果加起来不等于报告印出的总计。',
      forms: ALL_FORMS,
      table: 'requests',
      each: 'column',
      left: terms('processed_total'),
      right: terms(...outcomeRows(form)),
      relation: 'eq',
      crossYear: false,
    },
    {
      kind: 'sum',
      id: 'T3-C',
      severity: 'error',
      title: '申请人类型合计',
      statement: '表三每一行：总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他。',
      meaning: '各类申请人的数字加起来不等于该行的总计。',
      forms: ALL_FORMS,
      table: 'requests',
      each: 'row',
      left: terms('total'),
      right: terms(...applicantColumns(form)),
      relation: 'eq',
      crossYear: false,
    },
    {
      kind: 'sum',
      id: 'T4-A',
      severity: 'error',
      title: '复议诉讼结果合计',
      statement: '表四每一类（行政复议、未经复议直接起诉、复议后起诉）：结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计。',
      meaning: '复议或诉讼的各项结果加起来不等于报告印出的总计。',
      forms: ALL_FORMS,
      table: 'appeals',
      each: 'row',
      left: terms('total'),
      right: terms('upheld', 'corrected', 'other', 'pending'),
      relation: 'eq',
      crossYear: false,
    },
    {
      kind: 'sum',
      id: 'T2-A',
      severity: 'warning',
      title: '公开总数不小于新公开数',
      statement: '表二（2019 版）规章、规范性文件：对外公开总数量 ≥ 本年新公开数量。',
      meaning: '对外公开的总数少于本年新公开的数量，口径可能有误。',
      forms: ['F2019'],
      table: 'active',
      each: 'row',
      only: ['rules', 'normative_documents'],
      left: terms('total_published'),
      right: terms('new_published'),
      relation: 'ge',
      crossYear: false,
    },
    {
      kind: 'sum',
      id: 'X-1',
      severity: 'warning',
      title: '跨年结转衔接',
      statement: '表三每一列：本年“二、上年结转” = 上一年报告的“四、结转下年度继续办理”。',
      meaning: '本年报告的上年结转数与上一年报告的结转数不一致。',
      forms: ALL_FORMS,
      table: 'requests',
      each: 'column',
      left: terms('carried_over'),
      right: terms('carried_forward@-1'),
      relation: 'eq',
      crossYear: true,
    },
    {
      kind: 'sum',
      id: 'X-2',
      severity: 'warning',
      title: '现行有效件数衔接',
      statement: '表二（2021 版）规章、行政规范性文件：本年现行有效件数 = 上年现行有效件数 + 本年制发件数 − 本年废止件数。',
      meaning: '现行有效件数的变化与本年制发、废止的件数对不上。',
      forms: ['F2021'],
      table: 'active',
      each: 'row',
      only: ['rules', 'normative_documents'],
      left: terms('in_force'),
      right: terms('in_force@-1', 'issued', '-repealed'),
      relation: 'eq',
      crossYear: true,
    },
    {
      kind: 'cell-kind',
      id: 'G-1',
      severity: 'error',
      title: '数值类型',
      statement: '每个单元格都是非负整数；“本年增/减”可带正负号；金额可为小数并带单位。',
      meaning: '单元格的数值不是该栏应有的类型，例如件数为负数或带小数。',
      forms: ALL_FORMS,
    },
  ];
  return rules.filter((r) => r.forms.includes(form.id));
}

/** Every rule id in the order the methodology page lists them. */
export const RULE_IDS: readonly RuleId[] = ['T3-A', 'T3-B', 'T3-C', 'T4-A', 'T2-A', 'G-1', 'X-1', 'X-2'];

/** Every rule, each once, with the first form version it applies to (for the methodology page). */
export function listAllRules(): RuleSpec[] {
  const byId = new Map<RuleId, RuleSpec>();
  for (const form of FORMS) for (const rule of listRules(form)) if (!byId.has(rule.id)) byId.set(rule.id, rule);
  return RULE_IDS.map((id) => byId.get(id)).filter((r): r is RuleSpec => r !== undefined);
}

/** Whether a string is a published rule id. */
export function isRuleId(id: string): id is RuleId {
  return (RULE_IDS as readonly string[]).includes(id);
}
