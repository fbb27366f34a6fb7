import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { decodeTextBytes } from './decode-text.ts';
import { extractInput } from './extract-input.ts';
import { FONT_SINK } from './extract-pdf.ts';
import { REAL_TOOLS_DIR } from './fixtures/real-tools.ts';
import { renderReport } from './fixtures/render-report.ts';
import { readCorpusValues } from './fixtures/report-values.ts';
import { buildDocxFromHtml } from './fixtures/write-docx.ts';
import { buildScannedPdf, buildTextPdf } from './fixtures/write-pdf.ts';
import { buildIngestJson } from './ingest-json.ts';
import { parseReportLines } from './parse-report.ts';
import { CORPUS_IDS, listCellMismatches, readCorpusText, readExpected, readJurisdictions } from './fixtures/test-support.ts';
import { encodeGb18030 } from './fixtures/gbk.ts';

const jurisdictions = readJurisdictions();

/** Extracts and parses a file given as bytes; fails the test when either step fails. */
async function ingestBytes(name: string, bytes: Uint8Array) {
  const extraction = await extractInput(name, bytes);
  if (!extraction.ok) throw new Error(`${extraction.rule}: ${extraction.message}`);
  const result = parseReportLines(name, extraction.lines, jurisdictions);
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return { extraction, report: result.report, json: buildIngestJson(result.report) };
}

describe('encoding detection', () => {
  const text = readCorpusText('230881-2020');

  it('reads UTF-8 without BOM as UTF-8 and keeps the text verbatim', async () => {
    expect(decodeTextBytes(new TextEncoder().encode('同江市 2020'))).toEqual({ ok: true, text: '同江市 2020', encoding: 'utf-8' });
    const { extraction, json } = await ingestBytes('r.txt', new TextEncoder().encode(text));
    expect(extraction.sourceText).toBe(text);
    expect(extraction.note).toBeNull();
    expect(listCellMismatches(readExpected('230881-2020'), json)).toEqual([]);
  });

  it('reads UTF-8 with BOM, keeping the BOM in the verbatim source but not in positions', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    expect(decodeTextBytes(bytes)).toMatchObject({ ok: true, encoding: 'utf-8-bom' });
    const { extraction, report, json } = await ingestBytes('r.txt', bytes);
    expect(extraction.sourceText).toBe(`\uFEFF${text}`);
    expect(report.title).toBe('同江市2020年政府信息公开工作年度报告');
    expect(listCellMismatches(readExpected('230881-2020'), json)).toEqual([]);
  });

  it.each(CORPUS_IDS)('detects GB18030/GBK text (%s) and reads every cell', async (id) => {
    const source = readCorpusText(id).replace(/\u00a0/g, ' ');
    const bytes = encodeGb18030(source);
    expect(decodeTextBytes(bytes)).toMatchObject({ ok: true, encoding: 'gb18030', text: source });
    const { extraction, json } = await ingestBytes('r.txt', bytes);
    expect(extraction.note).toBe('converted to UTF-8 from GB18030');
    expect(listCellMismatches(readExpected(id), json)).toEqual([]);
  });

  it('reads UTF-16 with BOM', () => {
    const units = [0xfeff, ...[...'嘉荫县'].map((c) => c.charCodeAt(0))];
    const bytes = new Uint8Array(units.flatMap((u) => [u & 0xff, u >> 8]));
    expect(decodeTextBytes(bytes)).toEqual({ ok: true, text: '嘉荫县', encoding: 'utf-16le' });
  });

  it('refuses binary data, and reads UTF-8 with a damaged byte with a warning', async () => {
    expect(decodeTextBytes(new Uint8Array([0x00, 0x01, 0x02, 0x03, 0x00, 0x00, 0x05, 0x06]))).toMatchObject({ ok: false });
    const bytes = new TextEncoder().encode(text);
    const damaged = new Uint8Array([...bytes.slice(0, 40), 0xff, ...bytes.slice(40)]);
    const extraction = await extractInput('r.txt', damaged);
    expect(extraction.ok && extraction.warning).toContain('not valid UTF-8');
  });
});

describe('HTML, DOCX and PDF', () => {
  const styled = (id: string, seed: number): string =>
    renderReport(readCorpusValues(readExpected(id)), { layout: 'html', seed, fullWidth: seed % 2 === 0, wording: true, signs: 'words', units: 'bracketed', halfWidthBrackets: false });

  it.each(CORPUS_IDS)('reads a saved HTML page with merged cells (%s), positions in the page', async (id) => {
    const html = styled(id, 11);
    const { extraction, report, json } = await ingestBytes('page.html', new TextEncoder().encode(html));
    expect(listCellMismatches(readExpected(id), json)).toEqual([]);
    expect(extraction.original?.name).toBe('source.html');
    const place = report.places.get('requests.received_new.total');
    const line = html.split('\n')[(place?.line ?? 0) - 1] ?? '';
    expect(line.slice((place?.col ?? 1) - 1)).toMatch(new RegExp(`^(${String(readExpected(id).tables.requests.received_new?.total)}|[０-９]+)`));
  });

  it('reads a GBK-encoded HTML page', async () => {
    const html = styled('230700-2020', 4).replace('charset="utf-8"', 'charset="gbk"');
    const { json } = await ingestBytes('page.htm', encodeGb18030(html));
    expect(listCellMismatches(readExpected('230700-2020'), json)).toEqual([]);
  });

  it.each(CORPUS_IDS)('reads a .docx with merged table cells (%s)', async (id) => {
    const { extraction, json } = await ingestBytes('report.docx', buildDocxFromHtml(styled(id, 21)));
    expect(listCellMismatches(readExpected(id), json)).toEqual([]);
    expect(extraction.original?.name).toBe('source.docx');
    expect(extraction.sourceText).toContain('政府信息公开工作年度报告');
  });

  it.each(CORPUS_IDS)('reads a PDF text layer (%s as printed, tables as columns)', async (id) => {
    const { extraction, json } = await ingestBytes('report.pdf', buildTextPdf(readCorpusText(id)));
    expect(listCellMismatches(readExpected(id), json)).toEqual([]);
    expect(extraction.note).toBe('text extracted from source.pdf by npm run ingest');
  });

  it('loads a PDF’s embedded fonts into the font sink’s font set, so pdfjs draws no glyph paths, and puts FontFace back', async () => {
    const add = vi.spyOn(FONT_SINK.fonts, 'add');
    const insertRule = vi.spyOn(FONT_SINK.sheet, 'insertRule');
    try {
      const extraction = await extractInput('report.pdf', new Uint8Array(readFileSync(join(REAL_TOOLS_DIR, '230000-2020.writer-docx.pdf'))));
      expect(extraction.ok).toBe(true);
      expect(add).toHaveBeenCalled();
      expect(add.mock.calls.every(([face]) => typeof face.family === 'string' && face.loaded instanceof Promise)).toBe(true);
      expect(insertRule).not.toHaveBeenCalled();
      expect('FontFace' in globalThis).toBe(false);
    } finally {
      add.mockRestore();
      insertRule.mockRestore();
    }
  });

  it('inflates a PDF’s streams without the web DecompressionStream (pdfjs’s own inflater), and puts it back after overlapping reads', async () => {
    const original = (globalThis as { DecompressionStream?: unknown }).DecompressionStream;
    let made = 0;
    class Counted {
      constructor() {
        made++;
        throw new Error('not used while a PDF is read');
      }
    }
    (globalThis as { DecompressionStream?: unknown }).DecompressionStream = Counted;
    try {
      const files = ['230000-2020.chromium-portrait.pdf', '230000-2020.writer-docx.pdf'];
      const results = await Promise.all(files.map((f) => extractInput('report.pdf', new Uint8Array(readFileSync(join(REAL_TOOLS_DIR, f))))));
      expect(results.map((r) => r.ok)).toEqual([true, true]);
      expect(made).toBe(0);
      expect((globalThis as { DecompressionStream?: unknown }).DecompressionStream).toBe(Counted);
    } finally {
      (globalThis as { DecompressionStream?: unknown }).DecompressionStream = original;
    }
  });

  it('refuses a scanned PDF with a message saying it has no text layer', async () => {
    const extraction = await extractInput('scan.pdf', buildScannedPdf());
    expect(extraction).toMatchObject({ ok: false, rule: 'no-text-layer' });
    expect(!extraction.ok && extraction.message).toContain('no text layer');
  });

  it('refuses a damaged .docx, a damaged .pdf and an unknown file kind', async () => {
    expect(await extractInput('x.docx', new Uint8Array([1, 2, 3]))).toMatchObject({ ok: false, rule: 'unreadable-docx' });
    expect(await extractInput('x.pdf', new TextEncoder().encode('%PDF-1.7 nothing'))).toMatchObject({ ok: false });
    expect(await extractInput('x.xls', new Uint8Array([1]))).toMatchObject({ ok: false, rule: 'unknown-input' });
    const doc = await extractInput('报告.DOC', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]));
    expect(doc).toMatchObject({ ok: false, rule: 'old-word-file' });
    expect(!doc.ok && doc.hint).toMatch(/save it as \.docx/);
  });
});
