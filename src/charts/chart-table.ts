/** The data-table equivalent of a chart: plain rows of formatted text a component renders as a <table>. */

/** One row: its header cell (scope="row") and its data cells, already formatted. */
export interface ChartTableRow {
  readonly header: string;
  readonly cells: readonly string[];
}

/** A chart's data as a table: caption, column headings (the first heads the row headers), rows. */
export interface ChartTable {
  readonly caption: string;
  readonly columns: readonly string[];
  readonly rows: readonly ChartTableRow[];
  /** Notes shown under the table (cautions, flags, blank cells); may be empty. */
  readonly notes: readonly string[];
}
