/**
 * The columns of every site-wide download, declared once as Table Schema fields: the CSV writers
 * take their headers from here, `datapackage.json` takes its schemas from here, and the data page
 * documents the columns from here. English names for programs, Chinese titles for people.
 * Codes (rows, columns, forms, tables) are derived from src/form, never restated.
 */
import { formatColumnLabel } from '../form/cells.ts';
import { FORMS, OUTCOME_GROUPS, TABLE_IDS } from '../form/forms.ts';
import { RULE_IDS } from '../form/rules.ts';
import type { ColumnSpec, TableId } from '../form/types.ts';
import { LEVEL_LABELS } from '../jurisdictions/jurisdictions.ts';
import { REPORT_SCOPES } from '../reports/front-matter.ts';
import { CELL_STATE_FLAGS } from './cell-flags.ts';
import type { SiteFileName } from '../site/paths.ts';

/** A Table Schema field (https://specs.frictionlessdata.io/table-schema/), as the downloads use them. */
export interface FieldSpec {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly type: 'string' | 'integer' | 'number';
  /** Table Schema `format`; `uri` for addresses. */
  readonly format?: 'uri';
  readonly constraints?: {
    readonly required?: boolean;
    readonly enum?: readonly string[];
    readonly pattern?: string;
  };
}

/** A site-wide CSV resource: its file, what it holds, its columns and keys. */
export interface ResourceSpec {
  readonly name: SiteFileName;
  readonly title: string;
  readonly description: string;
  readonly fields: readonly FieldSpec[];
  readonly primaryKey: readonly string[];
  /** The report_id of every row refers to a row of `reports`. */
  readonly refersToReports: boolean;
}

/** The marker of a missing value in every download: the empty field. */
export const MISSING_VALUES: readonly string[] = [''];

/** Lists codes once each, in first-seen order. */
function listUnique(codes: Iterable<string>): string[] {
  return [...new Set(codes)];
}

const ROW_CODES = listUnique(FORMS.flatMap((f) => TABLE_IDS.flatMap((t) => f.tables[t].rows.map((r) => r.code))));
const COLUMN_CODES = listUnique(FORMS.flatMap((f) => TABLE_IDS.flatMap((t) => f.tables[t].columns.map((c) => c.code))));
const FORM_NOTE = FORMS.map((f) => `${f.id}：${f.notice}格式`).join('；');
const TABLE_NOTE = TABLE_IDS.map((t) => `${t}：表${FORMS[0]?.tables[t].section} ${FORMS[0]?.tables[t].title}`).join('；');
const LEVEL_NOTE = Object.entries(LEVEL_LABELS).map(([k, v]) => `${k}：${v}`).join('；');
const SCOPE_NOTE = Object.entries(REPORT_SCOPES).map(([k, v]) => `${k}：${v}`).join('；');
const FLAG_NOTE = `分号分隔。规则编号（${RULE_IDS.join('、')}）：该单元格涉及未通过的一致性检查，见方法说明；blank：报告此处留空（没有数值，不是 0）；unreadable：报告印出的不是可读的数字（没有数值，原文见 raw）；no-unit：金额未印单位（数字照印，单位不明）`;

const REPORT_ID: FieldSpec = { name: 'report_id', title: '报告编号', description: '<地区代码>-<年度>，如 230881-2020；部门的报告为 <地区代码>-<部门>-<年度>', type: 'string', constraints: { required: true } };
const JURISDICTION_CODE: FieldSpec = { name: 'jurisdiction_code', title: '地区代码', description: 'GB/T 2260 六位行政区划代码', type: 'string', constraints: { required: true, pattern: '[0-9]{6}' } };
const JURISDICTION_NAME: FieldSpec = { name: 'jurisdiction_name', title: '地区', description: '行政区划名称', type: 'string', constraints: { required: true } };
const LEVEL: FieldSpec = { name: 'level', title: '层级', description: LEVEL_NOTE, type: 'string', constraints: { required: true, enum: Object.keys(LEVEL_LABELS) } };
const YEAR: FieldSpec = { name: 'year', title: '年度', description: '报告所涉的年度（不是发布年份）', type: 'integer', constraints: { required: true } };
const FORM: FieldSpec = { name: 'form', title: '表式', description: FORM_NOTE, type: 'string', constraints: { required: true, enum: FORMS.map((f) => f.id) } };
const ROW: FieldSpec = { name: 'row', title: '行代码', description: '表式中行的永久代码，见方法说明', type: 'string', constraints: { required: true, enum: ROW_CODES } };
/** Table 三's rows that are not outcomes (本年新收, 上年结转, （七）总计, 结转下年度), named with their codes. */
const NON_OUTCOME_ROWS = listUnique(FORMS.flatMap((f) => f.tables.requests.rows.filter((r) => !r.outcomeGroup).map((r) => `${r.code} ${r.number ?? ''}${r.shortLabel}`)));
const OUTCOME_GROUP_NOTE = `表三办理结果的分组，取自表式：${OUTCOME_GROUPS.map((g) => `${g.code}：${g.label}`).join('；')}。其他行为空：${NON_OUTCOME_ROWS.join('、')}。办理结果之和只加 outcome_group 非空的行；processed_total 是报告所印的办理结果总计，received_new、carried_over 是收到的申请，与办理结果相加会重复计算`;
const OUTCOME_GROUP: FieldSpec = { name: 'outcome_group', title: '办理结果分组', description: OUTCOME_GROUP_NOTE, type: 'string', constraints: { enum: OUTCOME_GROUPS.map((g) => g.code) } };
const SCOPE: FieldSpec = { name: 'scope', title: '统计范围代码', description: `${SCOPE_NOTE}。不同层级的数字不能相加：省级报告已包含各市（地）`, type: 'string', constraints: { required: true, enum: Object.keys(REPORT_SCOPES) } };
const SCOPE_LABEL: FieldSpec = { name: 'scope_label', title: '统计范围', description: '统计范围的中文说明（同 scope）：范围不同的报告，数字含义不同', type: 'string', constraints: { required: true, enum: Object.values(REPORT_SCOPES) } };

const ROW_LABEL: FieldSpec = { name: 'row_label', title: '行', description: '该表式印出的行标签，含所属分组（如 三、本年度办理结果 （一）予以公开）', type: 'string', constraints: { required: true } };

const IDENTITY: readonly FieldSpec[] = [REPORT_ID, JURISDICTION_CODE, JURISDICTION_NAME, LEVEL, YEAR, FORM];

/** The columns of the tidy files (`/data/cells.csv`, `/reports/<id>/cells.csv`): one line per cell. */
export const CELL_FIELDS: readonly FieldSpec[] = [
  ...IDENTITY,
  { name: 'table', title: '表', description: TABLE_NOTE, type: 'string', constraints: { required: true, enum: [...TABLE_IDS] } },
  ROW,
  { ...OUTCOME_GROUP, description: `${OUTCOME_GROUP_NOTE}。表二、表四为空` },
  { name: 'column', title: '栏目代码', description: '表式中栏目的永久代码，见方法说明', type: 'string', constraints: { required: true, enum: COLUMN_CODES } },
  ROW_LABEL,
  { name: 'column_label', title: '栏目', description: '该表式印出的栏目标签，含所属分组（如 法人或其他组织 商业企业）', type: 'string', constraints: { required: true } },
  { name: 'value', title: '数值', description: '报告印出的数字，照印发布，不作修正。件数、项数为整数，本年增/减可为负数，金额可为小数（单位见 unit）。报告留空或印出的不是可读数字时为空，见 flags', type: 'number' },
  { name: 'unit', title: '单位', description: '仅金额单元格：报告印出的单位（元或万元）；F2021 本年收费金额的单位由表式印定为万元。其他单元格为空；金额未印单位时也为空，flags 含 no-unit', type: 'string', constraints: { enum: ['元', '万元'] } },
  { name: 'raw', title: '原文', description: '单元格的原文：有数字时为其规范写法（如 +451、21997万元），否则为报告印出的文字（如 /、—、91.928.320；留空时为空）', type: 'string' },
  { name: 'flags', title: '标注', description: FLAG_NOTE, type: 'string' },
];

/** The columns of `/data/reports.csv`: one line per report. */
export const REPORT_FIELDS: readonly FieldSpec[] = [
  ...IDENTITY.slice(0, 4),
  { name: 'parent_code', title: '上级地区代码', description: 'GB/T 2260 代码；省级为空', type: 'string', constraints: { pattern: '[0-9]{6}' } },
  YEAR,
  FORM,
  SCOPE,
  SCOPE_LABEL,
  { name: 'title', title: '报告标题', description: '报告印出的标题', type: 'string', constraints: { required: true } },
  { name: 'publisher', title: '发布机关', description: '发布报告的机关', type: 'string', constraints: { required: true } },
  { name: 'source_url', title: '原文地址', description: '发布机关公开报告的网址；未记录时为空', type: 'string', format: 'uri' },
  { name: 'page_url', title: '本站页面', description: '本站该报告的页面', type: 'string', format: 'uri', constraints: { required: true } },
  { name: 'failing_rules', title: '未通过的规则', description: '分号分隔的规则编号，报告自身数字对不上的地方；空表示全部通过或无法核对', type: 'string' },
];

/** Every column code of a table across the form versions, in first-seen order, with its specs per version. */
export function listTableColumnsAcrossForms(table: TableId): { code: string; specs: { form: string; spec: ColumnSpec }[] }[] {
  const codes = listUnique(FORMS.flatMap((f) => f.tables[table].columns.map((c) => c.code)));
  return codes.map((code) => ({
    code,
    specs: FORMS.flatMap((f) => {
      const spec = f.tables[table].columns.find((c) => c.code === code);
      return spec ? [{ form: f.id, spec }] : [];
    }),
  }));
}

/** The name of the unit column that follows a money column in a wide file (`amount_unit`). */
export function formatUnitFieldName(code: string): string {
  return `${code}_unit`;
}

/** The columns of a wide file (`/data/requests.csv`): one line per report and printed row, one column per form column. */
export function listWideFields(table: TableId): FieldSpec[] {
  const columns = listTableColumnsAcrossForms(table).flatMap(({ code, specs }): FieldSpec[] => {
    const labels = listUnique(specs.map((s) => formatColumnLabel(s.spec)));
    const title = labels.length === 1 ? (labels[0] ?? code) : specs.map((s) => `${formatColumnLabel(s.spec)}（${s.form}）`).join(' / ');
    const forms = specs.length === FORMS.length ? '' : `仅 ${specs.map((s) => s.form).join('、')}。`;
    const money = specs.some((s) => s.spec.kind === 'money');
    const field: FieldSpec = {
      name: code,
      title,
      description: `${forms}报告印出的数字；该行没有此栏目、报告留空或印出的不是可读数字时为空（后两种情况见 flags）${money ? `。金额，单位见 ${formatUnitFieldName(code)}` : ''}`,
      type: 'number',
    };
    if (!money) return [field];
    return [field, { name: formatUnitFieldName(code), title: `${title} 单位`, description: `${code} 的单位：报告印出的元或万元；未印单位时为空`, type: 'string', constraints: { enum: ['元', '万元'] } }];
  });
  return [
    ...IDENTITY,
    SCOPE,
    SCOPE_LABEL,
    ROW,
    ...(table === 'requests' ? [OUTCOME_GROUP] : []),
    ROW_LABEL,
    ...columns,
    { name: 'flags', title: '标注', description: `分号分隔的 <栏目代码>:<标注>，如 total:T3-A。标注的含义同 cells.csv 的 flags：${FLAG_NOTE}`, type: 'string' },
  ];
}

/** Describes the tables for the wide files' titles: 表三 收到和处理政府信息公开申请情况. */
function formatTableTitle(table: TableId): string {
  const spec = FORMS[0]?.tables[table];
  return spec ? `表${spec.section} ${spec.title}` : table;
}

/** Every site-wide CSV resource, in the order the data page and datapackage.json list them. */
export const SITE_RESOURCES: readonly ResourceSpec[] = [
  {
    name: 'cells',
    title: '全部单元格（长表）',
    description: '所有报告三张表的每一个单元格，一行一格。供程序使用：按 report_id、table、row、column 定位，数值、单位、原文和标注分列。',
    fields: CELL_FIELDS,
    primaryKey: ['report_id', 'table', 'row', 'column'],
    refersToReports: true,
  },
  {
    name: 'reports',
    title: '报告目录',
    description: '每份报告一行：地区、层级、年度、表式、统计范围、标题、发布机关、原文地址、本站页面和未通过的一致性规则。可按 report_id 与其他文件关联。',
    fields: REPORT_FIELDS,
    primaryKey: ['report_id'],
    refersToReports: false,
  },
  ...TABLE_IDS.map((t): ResourceSpec => ({
    name: t,
    title: `${formatTableTitle(t)}（宽表）`,
    description: `所有报告的${formatTableTitle(t)}，每份报告的每一行一行、每个栏目一列，与印出的表格同形。两种表式的栏目都列出，某行没有的栏目为空。`,
    fields: listWideFields(t),
    primaryKey: ['report_id', 'row'],
    refersToReports: true,
  })),
];
