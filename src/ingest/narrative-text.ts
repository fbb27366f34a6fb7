/**
 * Finds the title and the narrative sections (preamble, 一 总体情况, 五 问题及改进, 六 其他事项)
 * in the plain text of a report, and turns extracted lines back into Markdown paragraphs.
 * Assumes hard-wrapped PDF text wraps at a roughly constant width, and that a paragraph ends
 * with sentence-final punctuation.
 */
import { NARRATIVE_SECTIONS } from '../reports/narrative.ts';
import type { Narrative } from '../reports/types.ts';

const HEADING = /^[一二三四五六]、/;
const SUBHEADING = /^(（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+是|\d+[.．、])/;
const FINAL = /[。！？；：”」）)]$|[。！？]\*\*$/;
const TABLE_SECTION = ['主动公开政府信息情况', '主动公开'];

/** Strips Markdown heading marks and surrounding space from a line. */
function cleanLine(line: string): string {
  return line.replace(/^\s*#+\s*/, '').replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
}

/** Finds the index of the first heading line at or after `from` containing one of the keywords. */
function findHeading(lines: readonly string[], keywords: readonly string[], from: number): number {
  for (let i = from; i < lines.length; i++) {
    const l = cleanLine(lines[i] ?? '');
    if (HEADING.test(l) && l.length <= 40 && keywords.some((k) => l.includes(k))) return i;
  }
  return -1;
}

/** Joins extracted lines into Markdown paragraphs, undoing hard wraps and page breaks. */
export function joinParagraphs(lines: readonly string[]): string {
  const kept = lines.map(cleanLine).filter((l) => l !== '' && !/^\d{1,3}$/.test(l) && !/^图例\s*\d+$/.test(l));
  const lengths = kept.map((l) => l.length).sort((a, b) => a - b);
  const width = lengths[Math.floor(lengths.length * 0.9)] ?? 0;
  const wrapped = width > 0 && width < 60;
  const paragraphs: string[] = [];
  let current = '';
  for (const line of kept) {
    const startsNew = SUBHEADING.test(line) && (current === '' || FINAL.test(current) || current.length < 40);
    if (current && startsNew) {
      paragraphs.push(current);
      current = '';
    }
    current += line;
    const full = wrapped && line.length >= width - 3;
    if (FINAL.test(line) && !full) {
      paragraphs.push(current);
      current = '';
    } else if (!wrapped && SUBHEADING.test(line) && line.length < 40) {
      paragraphs.push(current);
      current = '';
    }
  }
  if (current) paragraphs.push(current);
  return paragraphs.join('\n\n');
}

/**
 * Extracts the title (the first line naming the annual report) from a report's text; a title that
 * starts with its year takes the publisher's name from the line above (牡丹江市人民政府 / 2020 年…年度报告).
 */
export function extractTitle(text: string): string {
  const lines = text.split('\n').map(cleanLine);
  const at = lines.findIndex((l) => l.includes('年度报告') && l.length <= 60);
  let line = lines[at] ?? '';
  if (at > 0 && /^\d{4}\s*年/.test(line)) {
    const above = lines.slice(Math.max(0, at - 3), at).filter((l) => l !== '').at(-1) ?? '';
    if (above.length <= 30 && /(政府|办公室|办公厅|[省市县区])$/.test(above)) line = `${above}${line}`;
  }
  // Chinese titles use no spaces: drop those next to a digit or between two Han characters.
  const tight = (ch: string | undefined): boolean => /[\d\p{Script=Han}]/u.test(ch ?? '');
  return line.replace(/\s+/g, (s, i: number, all: string) => (tight(all[i - 1]) && tight(all[i + s.length]) ? '' : s));
}

/** Extracts the narrative sections of a report's text as Markdown. */
export function extractNarrative(text: string): Narrative {
  const lines = text.replace(/^\uFEFF/, '').replace(/\r/g, '').split('\n');
  const section = (key: string): readonly string[] => NARRATIVE_SECTIONS.find((s) => s.key === key)?.keywords ?? [];
  const titleAt = lines.findIndex((l) => cleanLine(l).includes('年度报告'));
  const one = findHeading(lines, section('overview'), 0);
  const two = findHeading(lines, TABLE_SECTION, Math.max(one, 0) + 1);
  const five = findHeading(lines, section('problems'), Math.max(two, one, 0) + 1);
  const six = findHeading(lines, section('other'), Math.max(five, 0) + 1);
  const slice = (from: number, to: number): string => (from < 0 ? '' : joinParagraphs(lines.slice(from + 1, to < 0 ? lines.length : to)));
  return {
    preamble: one < 0 ? '' : joinParagraphs(lines.slice(titleAt + 1, one)),
    overview: slice(one, two >= 0 ? two : five),
    problems: slice(five, six),
    other: slice(six, -1),
  };
}
