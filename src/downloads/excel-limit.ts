/** Excel's worksheet limit, which the tidy cells files can pass, and the warning the data pages show for a file that does. */

/** The rows of one Excel worksheet (Excel 2007 and later). */
export const EXCEL_MAX_ROWS = 1_048_576;

/**
 * The warning for a CSV of `rows` lines below its header when, header included, it has more lines
 * than one Excel worksheet holds (Excel loads only the first 1,048,576 lines); null when it fits.
 */
export function describeExcelOverflow(rows: number): string | null {
  const lines = rows + 1;
  if (lines <= EXCEL_MAX_ROWS) return null;
  return `此文件连表头共 ${lines.toLocaleString('en-US')} 行，超过 Excel 一张工作表的 ${EXCEL_MAX_ROWS.toLocaleString('en-US')} 行上限：用 Excel 直接打开只会载入前 ${EXCEL_MAX_ROWS.toLocaleString('en-US')} 行，其后的 ${(lines - EXCEL_MAX_ROWS).toLocaleString('en-US')} 行不会出现在工作表里。请用 Excel 的 Power Query（数据 → 从文本/CSV，加载到数据模型）、数据库或 Python 等工具读取。`;
}
