/**
 * The narrative of a report: the Markdown body, split at its `## ` headings into the sections the
 * form prescribes. Assumes headings are found by keywords, since real headings vary in wording.
 */
import type { Narrative } from './types.ts';

/** The narrative sections, with the keywords that recognise their headings and the heading to write. */
export const NARRATIVE_SECTIONS = [
  { key: 'overview', heading: '一、总体情况', keywords: ['总体情况', '概述'] },
  { key: 'problems', heading: '五、存在的主要问题及改进情况', keywords: ['存在的主要问题', '存在的问题', '问题及改进'] },
  { key: 'other', heading: '六、其他需要报告的事项', keywords: ['其他需要报告'] },
] as const;

/** Splits a Markdown body into the narrative sections by its level-2 headings. */
export function readNarrative(body: string): Narrative {
  const out: Record<keyof Narrative, string[]> = { preamble: [], overview: [], problems: [], other: [] };
  let current: keyof Narrative = 'preamble';
  for (const line of body.split('\n')) {
    const heading = /^##\s+(.*)$/.exec(line);
    const section = heading ? NARRATIVE_SECTIONS.find((s) => s.keywords.some((k) => heading[1]?.includes(k))) : undefined;
    if (section) {
      current = section.key;
      continue;
    }
    out[current].push(line);
  }
  const join = (lines: string[]): string => lines.join('\n').trim();
  return { preamble: join(out.preamble), overview: join(out.overview), problems: join(out.problems), other: join(out.other) };
}

/** Writes the narrative back as a Markdown body with the prescribed headings. */
export function writeNarrative(n: Narrative): string {
  const parts: string[] = [];
  if (n.preamble) parts.push(n.preamble);
  for (const s of NARRATIVE_SECTIONS) parts.push(n[s.key] ? `## ${s.heading}\n\n${n[s.key]}` : `## ${s.heading}`);
  return `${parts.join('\n\n')}\n`;
}
