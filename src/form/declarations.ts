/**
 * The two versions of the annual report form, declared once (spec §1–4); forms.ts gives them typed.
 * Assumes rows and columns are listed in the order the printed form prints them; every other
 * module (parser, validator, CSV, tables, charts, methodology) derives its order from here.
 */
import type { ColumnSpec, FormDeclaration, OutcomeGroupCode, OutcomeGroupSpec, RowSpec, TableDeclaration, TableHeading, TableId } from './spec-types.ts';

type ColumnInit = Partial<Omit<ColumnSpec<string>, 'code' | 'label'>>;
type RowInit<C extends string = never> = Partial<Omit<RowSpec<string, C>, 'code' | 'label'>>;

/** Declares a column; kind defaults to `count`, aliases to none, the short label to the label. */
function column<const C extends string>(code: C, label: string, init: ColumnInit = {}): ColumnSpec<C> {
  return { code, label, aliases: [], kind: 'count', shortLabel: label, ...init };
}

/** Declares a row; columns default to every column of its table (filled in by `table`), the short label to the label. */
function row<const R extends string, const C extends string = never>(code: R, label: string, init: RowInit<C> = {}): RowSpec<R, C> {
  return { code, label, groups: [], aliases: [], columns: [], shortLabel: label, ...init };
}

/**
 * Declares a table, giving rows without their own column list every column. A row's own column list
 * may name only the table's columns (a typo fails to compile).
 */
function table<const T extends TableId, const R extends string, const C extends string>(
  spec: TableHeading & { readonly id: T; readonly columns: readonly ColumnSpec<C>[]; readonly rows: readonly RowSpec<R, NoInfer<C>>[] },
): TableDeclaration<T, R, C> {
  const all = spec.columns.map((c) => c.code);
  return { ...spec, rows: spec.rows.map((r) => (r.columns.length ? r : { ...r, columns: all })) };
}

// ---- Table 三: 收到和处理政府信息公开申请情况 (both versions; only （六） differs) ----

const REQUEST_COLUMNS = [
  column('natural_person', '自然人', { aliases: ['自 然 人'] }),
  column('commercial', '商业企业', { group: '法人或其他组织' }),
  column('research', '科研机构', { group: '法人或其他组织' }),
  column('social_welfare', '社会公益组织', { group: '法人或其他组织' }),
  column('legal_services', '法律服务机构', { group: '法人或其他组织' }),
  column('other_org', '其他', { group: '法人或其他组织' }),
  column('total', '总计'),
] as const;

const RESULT = '三、本年度办理结果';

/** The outcome groups of table 三, both versions (F2021 splits （六） into three rows under one heading). */
export const OUTCOME_GROUPS = [
  { code: 'granted', label: '（一）予以公开', shortLabel: '予以公开' },
  { code: 'partially_granted', label: '（二）部分公开', shortLabel: '部分公开' },
  { code: 'denied', label: '（三）不予公开', shortLabel: '不予公开' },
  { code: 'unavailable', label: '（四）无法提供', shortLabel: '无法提供' },
  { code: 'not_processed', label: '（五）不予处理', shortLabel: '不予处理' },
  { code: 'other', label: '（六）其他处理', shortLabel: '其他处理' },
] as const satisfies readonly OutcomeGroupSpec[];

/** An outcome group's declaration by code. */
function outcomeGroup(code: OutcomeGroupCode): OutcomeGroupSpec {
  const group = OUTCOME_GROUPS.find((g) => g.code === code);
  if (!group) throw new Error(`no outcome group ${code}`);
  return group;
}

/**
 * An outcome row: `number` is its printed numbering. A row that is its group (予以公开) stands under
 * 本年度办理结果 alone; a row of a group with several rows stands under its group's printed heading.
 */
const outcome = (code: OutcomeGroupCode, number: string, init: RowInit = {}): RowInit => {
  const alone = number.startsWith('（');
  return { groups: alone ? [RESULT] : [RESULT, outcomeGroup(code).label], number, role: 'outcome', outcomeGroup: code, ...init };
};

const REQUEST_ROWS_HEAD = [
  row('received_new', '本年新收政府信息公开申请数量', { number: '一、', shortLabel: '本年新收' }),
  row('carried_over', '上年结转政府信息公开申请数量', { number: '二、', shortLabel: '上年结转' }),
  row('granted', '予以公开', outcome('granted', '（一）')),
  row('partially_granted', '部分公开（区分处理的，只计这一情形，不计其他情形）', outcome('partially_granted', '（二）', { aliases: ['部分公开'], shortLabel: '部分公开' })),
  row('denied_state_secret', '属于国家秘密', outcome('denied', '1.')),
  row('denied_prohibited_by_law', '其他法律行政法规禁止公开', outcome('denied', '2.')),
  row('denied_three_securities', '危及“三安全一稳定”', outcome('denied', '3.', { aliases: ['危及"三安全一稳定"', '危及三安全一稳定'], shortLabel: '危及三安全一稳定' })),
  row('denied_third_party', '保护第三方合法权益', outcome('denied', '4.')),
  row('denied_internal_affairs', '属于三类内部事务信息', outcome('denied', '5.')),
  row('denied_deliberative', '属于四类过程性信息', outcome('denied', '6.')),
  row('denied_enforcement_file', '属于行政执法案卷', outcome('denied', '7.')),
  row('denied_query_service', '属于行政查询事项', outcome('denied', '8.')),
  row('unavailable_not_held', '本机关不掌握相关政府信息', outcome('unavailable', '1.')),
  row('unavailable_needs_compilation', '没有现成信息需要另行制作', outcome('unavailable', '2.')),
  row('unavailable_unclear', '补正后申请内容仍不明确', outcome('unavailable', '3.')),
  row('not_processed_petition', '信访举报投诉类申请', outcome('not_processed', '1.')),
  row('not_processed_duplicate', '重复申请', outcome('not_processed', '2.')),
  row('not_processed_publication', '要求提供公开出版物', outcome('not_processed', '3.')),
  row('not_processed_excessive', '无正当理由大量反复申请', outcome('not_processed', '4.')),
  row('not_processed_confirmation', '要求行政机关确认或重新出具已获取信息', outcome('not_processed', '5.')),
] as const;

const REQUEST_ROWS_TAIL = [
  row('processed_total', '总计', { groups: [RESULT], number: '（七）' }),
  row('carried_forward', '结转下年度继续办理', { number: '四、' }),
] as const;

const REQUESTS_BASE = {
  id: 'requests',
  section: '三',
  title: '收到和处理政府信息公开申请情况',
  headingKeywords: ['收到和处理政府信息公开申请'],
  columns: REQUEST_COLUMNS,
} as const;

// ---- Table 四: 政府信息公开行政复议、行政诉讼情况 (identical in both versions) ----

const APPEALS = table({
  id: 'appeals',
  section: '四',
  title: '政府信息公开行政复议、行政诉讼情况',
  headingKeywords: ['行政复议', '行政诉讼'],
  columns: [
    column('upheld', '结果维持', { shortLabel: '维持' }),
    column('corrected', '结果纠正', { shortLabel: '纠正' }),
    column('other', '其他结果'),
    column('pending', '尚未审结'),
    column('total', '总计'),
  ],
  rows: [
    row('review', '行政复议'),
    row('litigation_direct', '未经复议直接起诉', { groups: ['行政诉讼'] }),
    row('litigation_after_review', '复议后起诉', { groups: ['行政诉讼'] }),
  ],
});

const ACTIVE_BASE = {
  id: 'active',
  section: '二',
  title: '主动公开政府信息情况',
  headingKeywords: ['主动公开政府信息情况'],
} as const;

const ART_1 = '第二十条第（一）项';
const ART_5 = '第二十条第（五）项';
const ART_6 = '第二十条第（六）项';
const ART_8 = '第二十条第（八）项';
const ART_9 = '第二十条第（九）项';

/** F2019: the trial format of 国办公开办函〔2019〕60号, as declared (its codes as literal types). */
export const F2019_DECLARATION = {
  id: 'F2019',
  notice: '国办公开办函〔2019〕60号',
  years: { from: 2019, to: 2020 },
  markers: ['本年新制作数量', '对外公开总数量', '上一年项目数量', '政府集中采购'],
  outcomeGroups: OUTCOME_GROUPS,
  tables: {
    active: table({
      ...ACTIVE_BASE,
      columns: [
        column('new_made', '本年新制作数量'),
        column('new_published', '本年新公开数量'),
        column('total_published', '对外公开总数量'),
        column('prev_items', '上一年项目数量'),
        column('change', '本年增/减', { kind: 'signed', aliases: ['本年增减', '本年增（减）'] }),
        column('decisions', '处理决定数量'),
        column('projects', '采购项目数量'),
        column('amount', '采购总金额', { kind: 'money' }),
      ],
      rows: [
        row('rules', '规章', { article: ART_1, columns: ['new_made', 'new_published', 'total_published'] }),
        row('normative_documents', '规范性文件', {
          article: ART_1,
          aliases: ['行政规范性文件'],
          columns: ['new_made', 'new_published', 'total_published'],
        }),
        row('licensing', '行政许可', { article: ART_5, columns: ['prev_items', 'change', 'decisions'] }),
        row('other_services', '其他对外管理服务事项', { article: ART_5, columns: ['prev_items', 'change', 'decisions'] }),
        row('penalty', '行政处罚', { article: ART_6, columns: ['prev_items', 'change', 'decisions'] }),
        row('coercion', '行政强制', { article: ART_6, columns: ['prev_items', 'change', 'decisions'] }),
        row('fees', '行政事业性收费', { article: ART_8, columns: ['prev_items', 'change'] }),
        row('procurement', '政府集中采购', { article: ART_9, columns: ['projects', 'amount'] }),
      ],
    }),
    requests: table({
      ...REQUESTS_BASE,
      rows: [...REQUEST_ROWS_HEAD, row('other', '其他处理', outcome('other', '（六）')), ...REQUEST_ROWS_TAIL],
    }),
    appeals: APPEALS,
  },
} as const satisfies FormDeclaration;

/** F2021: the format of 国办公开办函〔2021〕30号, as declared; declares only what differs from F2019. */
export const F2021_DECLARATION = {
  id: 'F2021',
  notice: '国办公开办函〔2021〕30号',
  years: { from: 2021, to: null },
  markers: ['本年制发件数', '现行有效件数', '本年收费金额', '逾期不补正'],
  outcomeGroups: OUTCOME_GROUPS,
  tables: {
    active: table({
      ...ACTIVE_BASE,
      columns: [
        column('issued', '本年制发件数'),
        column('repealed', '本年废止件数'),
        column('in_force', '现行有效件数'),
        column('decisions', '本年处理决定数量', { aliases: ['处理决定数量'] }),
        column('amount', '本年收费金额（单位：万元）', { kind: 'money', fixedUnit: '万元', aliases: ['本年收费金额'] }),
      ],
      rows: [
        row('rules', '规章', { article: ART_1, columns: ['issued', 'repealed', 'in_force'] }),
        row('normative_documents', '行政规范性文件', {
          article: ART_1,
          aliases: ['规范性文件'],
          columns: ['issued', 'repealed', 'in_force'],
        }),
        row('licensing', '行政许可', { article: ART_5, columns: ['decisions'] }),
        row('penalty', '行政处罚', { article: ART_6, columns: ['decisions'] }),
        row('coercion', '行政强制', { article: ART_6, columns: ['decisions'] }),
        row('fees', '行政事业性收费', { article: ART_8, columns: ['amount'] }),
      ],
    }),
    requests: table({
      ...REQUESTS_BASE,
      rows: [
        ...REQUEST_ROWS_HEAD,
        row(
          'other_no_correction',
          '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
          outcome('other', '1.', { aliases: ['逾期不补正'], shortLabel: '逾期不补正' }),
        ),
        row(
          'other_unpaid_fee',
          '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
          outcome('other', '2.', { aliases: ['逾期未按收费通知要求缴纳费用'], shortLabel: '逾期未按收费通知要求缴纳费用' }),
        ),
        row('other_misc', '其他', outcome('other', '3.')),
        ...REQUEST_ROWS_TAIL,
      ],
    }),
    appeals: APPEALS,
  },
} as const satisfies FormDeclaration;
