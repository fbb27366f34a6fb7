/**
 * The shapes the form is declared in (declarations.ts), generic in their codes. Everything else
 * imports the form's types from types.ts, where the codes are the declared ones.
 */
/** The three numeric tables every report carries, by the code used in files and URLs. */
export type TableId = 'active' | 'requests' | 'appeals';

/** The two national versions of the form (spec §1). */
export type FormId = 'F2019' | 'F2021';

/**
 * What a cell may hold: `count` a non-negative integer, `signed` an integer with a sign
 * (本年增/减), `money` a non-negative decimal that carries its unit.
 */
export type CellKind = 'count' | 'signed' | 'money';

/** A unit a money cell may carry; `null` means the report printed none. */
export type MoneyUnit = '元' | '万元';

/** A column of a table as the printed form heads it. */
export interface ColumnSpec<C extends string> {
  /** Permanent code, used in CSV headers, JSON and URLs. */
  readonly code: C;
  /** The printed Chinese heading. */
  readonly label: string;
  /** The printed group heading above it, if any (法人或其他组织, 行政诉讼 — 未经复议直接起诉). */
  readonly group?: string;
  /** Other wordings of the heading seen in real reports. */
  readonly aliases: readonly string[];
  /** Cell kind; defaults to `count`. */
  readonly kind: CellKind;
  /** The heading as charts write it where room is short (维持 for 结果维持); defaults to the label. */
  readonly shortLabel: string;
  /** For money cells whose unit the form itself prints (F2021 本年收费金额（单位：万元）). */
  readonly fixedUnit?: MoneyUnit;
}

/** A row of a table as the printed form lists it. */
export interface RowSpec<R extends string, C extends string> {
  /** Permanent code, used in CSV files, JSON and URLs. */
  readonly code: R;
  /** The printed label of the row itself (予以公开, 行政许可). */
  readonly label: string;
  /** The printed group labels that stand before it, outermost first (三、本年度办理结果, （三）不予公开). */
  readonly groups: readonly string[];
  /** The printed numbering of the row within its group ((一), 1.) if any. */
  readonly number?: string;
  /** Other wordings of the label seen in real reports. */
  readonly aliases: readonly string[];
  /** The columns this row has; defaults to every column of the table. */
  readonly columns: readonly C[];
  /** The article of the 条例 a table-二 row reports under (第二十条第（一）项). */
  readonly article?: string;
  /** Role in the arithmetic of table 三: an outcome row is summed into （七）总计. */
  readonly role?: 'outcome';
  /** The outcome group an outcome row belongs to (不予公开 for 属于国家秘密). */
  readonly outcomeGroup?: OutcomeGroupCode;
  /** The label as charts write it where room is short (本年新收, 部分公开); defaults to the label. */
  readonly shortLabel: string;
}

/** The outcome groups of table 三 (spec §3): （一）予以公开 … （六）其他处理, by permanent code. */
export type OutcomeGroupCode = 'granted' | 'partially_granted' | 'denied' | 'unavailable' | 'not_processed' | 'other';

/** One outcome group: a printed row of its own, or a printed heading over several rows. */
export interface OutcomeGroupSpec {
  /** Permanent code, used in CSV files and charts. */
  readonly code: OutcomeGroupCode;
  /** The printed label with its numbering: （三）不予公开. */
  readonly label: string;
  /** The label without numbering or note, as charts and prose write it: 不予公开. */
  readonly shortLabel: string;
}

/** What a table's declaration says besides its rows and columns. */
export interface TableHeading {
  /** The section number the report prints (二, 三, 四). */
  readonly section: '二' | '三' | '四';
  /** The printed section title. */
  readonly title: string;
  /** Keywords that find the section heading in a report's text. */
  readonly headingKeywords: readonly string[];
}

/** A table as declarations.ts declares it, its row codes `R` and column codes `C` as literal types. */
export interface TableDeclaration<T extends TableId, R extends string, C extends string> extends TableHeading {
  readonly id: T;
  readonly columns: readonly ColumnSpec<C>[];
  readonly rows: readonly RowSpec<R, C>[];
}

/** A whole version of the form as declarations.ts declares it (`as const satisfies FormDeclaration`). */
export interface FormDeclaration {
  readonly id: FormId;
  /** The notice that issued it. */
  readonly notice: string;
  /** Report years it is meant for (inclusive); `to: null` means still in force. */
  readonly years: { readonly from: number; readonly to: number | null };
  /** Labels printed only on this version, used to recognise it (spec §1). */
  readonly markers: readonly string[];
  readonly tables: { readonly [T in TableId]: TableDeclaration<T, string, string> };
  /** The outcome groups of table 三 in printed order; each outcome row names one by `outcomeGroup`. */
  readonly outcomeGroups: readonly OutcomeGroupSpec[];
}
