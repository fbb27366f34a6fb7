/**
 * Finds the three table sections of a report by their headings. Assumes a section heading starts
 * with its Chinese numeral (二、 三、 四、) and names the section with one of the form's heading
 * keywords, possibly wrapped onto the next line; the wording around the keywords varies.
 */
import { TABLE_IDS } from '../form/forms.ts';
import type { FormSpec, TableId } from '../form/types.ts';
import { foldWidth, normaliseLabel } from './normalise-text.ts';
import type { SourceLine } from './source-lines.ts';

const NUMBERED = /^[一二三四五六七八九十]+[、.]/;

/** The lines of one table: from the line after its heading up to (not including) `end`. */
export interface TableRegion {
  readonly table: TableId;
  /** Index of the heading line. */
  readonly heading: number;
  readonly start: number;
  readonly end: number;
}

/** The plain text of a line with Markdown heading and emphasis marks removed, width folded. */
export function readLineText(line: SourceLine | undefined): string {
  if (!line) return '';
  return foldWidth(line.spans.map((s) => s.text).join(' '))
    .replace(/^[\s#>*]+/, '')
    .replace(/\*\*/g, '')
    .trim();
}

/**
 * Whether line `i` is a numbered heading that names one of the keywords (looking at the next line too,
 * for a heading wrapped onto it: not when the next line is a numbered line of its own, as when a short
 * table row such as 四、结转下年度继续办理 129 4 stands right above the heading of table 四).
 */
function isHeading(lines: readonly SourceLine[], i: number, keywords: readonly string[]): boolean {
  const text = readLineText(lines[i]);
  if (!NUMBERED.test(text) || text.length > 50) return false;
  const keys = keywords.map(normaliseLabel);
  const own = normaliseLabel(text);
  if (keys.some((k) => own.includes(k))) return true;
  const nextText = readLineText(lines[i + 1]);
  if (text.length > 20 || NUMBERED.test(nextText)) return false;
  const next = normaliseLabel(`${text}${nextText}`);
  return keys.some((k) => next.includes(k));
}

/** Whether a line is the heading of a section after the tables (五、 六、 …), where the tables end. */
function isLaterHeading(lines: readonly SourceLine[], i: number): boolean {
  const text = readLineText(lines[i]);
  return /^[五六七八][、.]/.test(text) && text.length <= 40 && !/\d/.test(text);
}

/** The table regions found, in print order, and the tables whose heading is missing. */
export function findTableRegions(lines: readonly SourceLine[], form: Pick<FormSpec, 'tables'>): { regions: TableRegion[]; missing: TableId[] } {
  const headings: { table: TableId; at: number }[] = [];
  const missing: TableId[] = [];
  let from = 0;
  for (const table of TABLE_IDS) {
    const keywords = form.tables[table].headingKeywords;
    let at = -1;
    for (let i = from; i < lines.length; i++) {
      if (isHeading(lines, i, keywords)) {
        at = i;
        break;
      }
    }
    if (at < 0) missing.push(table);
    else {
      headings.push({ table, at });
      from = at + 1;
    }
  }
  const regions = headings.map((h, k): TableRegion => {
    const next = headings[k + 1];
    let end = next ? next.at : lines.length;
    if (!next) {
      for (let i = h.at + 1; i < lines.length; i++) {
        if (isLaterHeading(lines, i)) {
          end = i;
          break;
        }
      }
    }
    return { table: h.table, heading: h.at, start: h.at + 1, end };
  });
  return { regions, missing };
}
