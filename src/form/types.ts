/**
 * The form's types for every module: the shapes of spec-types.ts with the row and column codes the
 * declarations (declarations.ts) name, as literal unions, so a misspelt code fails to compile.
 */
import type { F2019_DECLARATION, F2021_DECLARATION } from './declarations.ts';
import type { ColumnSpec as DeclaredColumn, FormDeclaration, RowSpec as DeclaredRow, TableDeclaration, TableId } from './spec-types.ts';

export type { CellKind, FormDeclaration, FormId, MoneyUnit, OutcomeGroupCode, OutcomeGroupSpec, TableDeclaration, TableHeading, TableId } from './spec-types.ts';

/** The declarations of both form versions (their codes as literal types). */
type Declared = typeof F2019_DECLARATION | typeof F2021_DECLARATION;

/** A row code some form version declares in a table: `RowCode<'requests'>` is 'received_new' | … . */
export type RowCode<T extends TableId = TableId> = T extends TableId ? Declared['tables'][T]['rows'][number]['code'] : never;

/** A column code some form version declares in a table: `ColumnCode<'appeals'>` is 'upheld' | … | 'total'. */
export type ColumnCode<T extends TableId = TableId> = T extends TableId ? Declared['tables'][T]['columns'][number]['code'] : never;

/** A column of a table as the printed form heads it (spec-types.ts describes its fields). */
export type ColumnSpec<C extends string = ColumnCode> = DeclaredColumn<C>;

/** A row of a table as the printed form lists it (spec-types.ts describes its fields). */
export type RowSpec<R extends string = RowCode, C extends string = ColumnCode> = DeclaredRow<R, C>;

/** One of the three tables of a form version; `TableSpec<'requests'>` has table 三's codes. */
export interface TableSpec<T extends TableId = TableId> extends TableDeclaration<T, RowCode<T>, ColumnCode<T>> {}

/** A whole version of the form, its codes typed as every version's codes. */
export interface FormSpec extends FormDeclaration {
  readonly tables: { readonly [T in TableId]: TableSpec<T> };
}

/** The address of one cell: table, row code, column code. */
export interface CellRef {
  readonly table: TableId;
  readonly row: RowCode;
  readonly column: ColumnCode;
}
