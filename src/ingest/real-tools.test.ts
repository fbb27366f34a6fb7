/**
 * The real-tool corpus (scripts/make-ingest-corpus.ts): documents printed by Chromium, converted by
 * LibreOffice Writer, saved in GBK, from the five real reports and generated F2021 reports. Every
 * cell right, no wrong value; where a table runs off the page, the cut cells are unreadable with a
 * diagnostic naming the page, never shorter numbers.
 */
import { describe, expect, it } from 'vitest';
import { extractInput } from './extract-input.ts';
import { listRealToolDocs, readRealToolDoc, REAL_TOOL_KINDS, scoreRealToolDoc } from './fixtures/real-tools.ts';
import { parseReportLines } from './parse-report.ts';
import { listBlockingProblems } from './report-files.ts';
import { readJurisdictions } from './fixtures/test-support.ts';

const jurisdictions = readJurisdictions();
const docs = listRealToolDocs();
/** Kinds whose pages show every cell whole. */
const WHOLE = ['chromium-landscape.pdf', 'chromium-portrait.pdf', 'gbk.html', 'writer-docx.pdf', 'writer-html.pdf', 'writer.docx', 'writer.txt'];

describe('the real-tool corpus', () => {
  it('has every kind of document for every report', () => {
    const kinds = [...new Set(docs.map((d) => d.kind))].sort();
    expect(kinds).toEqual([...WHOLE, 'writer-wide-docx.pdf'].sort());
    expect(Object.keys(REAL_TOOL_KINDS).sort()).toEqual(kinds);
    const names = new Set(docs.map((d) => d.file.split('.')[0]));
    expect(names.size).toBeGreaterThanOrEqual(8);
    expect(docs).toHaveLength(names.size * kinds.length);
  });

  it.each(docs.filter((d) => WHOLE.includes(d.kind)).map((d) => [d.file, d] as const))('%s: every cell right', async (_, doc) => {
    const score = await scoreRealToolDoc(doc, readRealToolDoc(doc), jurisdictions);
    expect(score.failure).toBeNull();
    expect(score.wrong).toEqual([]);
    expect(score.missing).toEqual([]);
    expect(score.json?.id).toBe(doc.expected.id);
    expect(score.json?.form).toBe(doc.expected.form);
    expect(score.json?.units).toEqual(doc.expected.units);
  });

  it.each(docs.filter((d) => d.kind === 'writer-wide-docx.pdf').map((d) => [d.file, d] as const))('%s: cells cut by the page edge are unreadable, named by page; no wrong value', async (_, doc) => {
    const bytes = readRealToolDoc(doc);
    const score = await scoreRealToolDoc(doc, bytes, jurisdictions);
    expect(score.failure).toBeNull();
    expect(score.wrong).toEqual([]);
    expect(score.missing.length).toBeGreaterThan(0);
    const extraction = await extractInput(doc.file, bytes);
    if (!extraction.ok) throw new Error(extraction.message);
    const result = parseReportLines(doc.file, extraction.lines, jurisdictions);
    if (!result.ok) throw new Error('not parsed');
    // The page shows these cells cut or not at all: each missing cell's row (or the cell) has an error saying so.
    const errors = result.report.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
    for (const key of score.missing) {
      const [t, row] = key.split('.');
      expect(errors.some((m) => m.includes(`(${row})`) || m.includes(key) || (t === 'appeals' && m.startsWith('table 四'))), key).toBe(true);
    }
    expect(listBlockingProblems(result.report).length).toBeGreaterThan(0);
  });
});
