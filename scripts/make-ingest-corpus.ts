/**
 * `node scripts/make-ingest-corpus.ts`: makes the real-tool ingest corpus in
 * src/ingest/fixtures/real-tools/: documents made by the tools governments use, from the five real
 * reports (their hand-checked values) and from rule-consistent F2021 reports, each laid out like a
 * government web page (one <table> per form table, merged header cells). For every document:
 *
 *   chromium-portrait.pdf    Chromium --print-to-pdf, A4 portrait, a page break inside table 三
 *   chromium-landscape.pdf   Chromium --print-to-pdf, A4 landscape
 *   writer-html.pdf          LibreOffice Writer, HTML → PDF
 *   writer.docx              LibreOffice Writer, HTML → .docx (table 三 wider than the text area)
 *   writer-docx.pdf          LibreOffice Writer, that .docx → PDF, portrait (table 三 runs into the margin)
 *   writer.txt               LibreOffice Writer, that .docx → plain text
 *   writer-wide-docx.pdf     LibreOffice Writer, .docx → PDF, portrait, where the .docx (made by
 *                            src/ingest/fixtures/write-docx.ts) gives table 三 a fixed width wider than the
 *                            page: its right-hand columns are cut by the page edge, so those cells must
 *                            come out unreadable (null, a diagnostic), never shorter numbers
 *   gbk.html                 the page saved in GB18030 (meta charset gb2312)
 *
 * and <name>.json, the values every document of that name prints. Needs chromium,
 * libreoffice-writer-nogui and fonts-wqy-microhei (Debian); the tests read the committed files only.
 * Deterministic inputs; the tools stamp dates into their files, so re-running changes bytes, not cells.
 */
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderReport } from '../src/ingest/fixtures/render-report.ts';
import { buildDocxFromHtml } from '../src/ingest/fixtures/write-docx.ts';
import { drawF2021Values, readCorpusValues, type ReportValues } from '../src/ingest/fixtures/report-values.ts';
import { CORPUS_IDS, PROJECT_DIR, readExpected } from '../src/ingest/fixtures/test-support.ts';
import { encodeGb18030, formatValuesJson, makeSoffice, printWithChromium, scaleCounts } from './real-tool-docs.ts';

const OUT = join(PROJECT_DIR, 'src', 'ingest', 'fixtures', 'real-tools');
const PRINTED: Record<string, Record<string, string>> = { '230722-2020': { 'active.procurement.amount': '91.928.320' } };

const docs: { name: string; values: ReportValues; seed: number }[] = [
  ...CORPUS_IDS.map((id, k) => ({ name: id, values: readCorpusValues(readExpected(id), PRINTED[id]), seed: 100 + k })),
  { name: '230881-2022-gen', values: drawF2021Values(2022, '230881', '同江市', 2022), seed: 201 },
  { name: '231000-2023-gen', values: scaleCounts(drawF2021Values(2023, '231000', '牡丹江市', 2023), 1237), seed: 202 },
  { name: '230000-2021-gen', values: scaleCounts(drawF2021Values(2021, '230000', '黑龙江省', 2021), 311), seed: 203 },
];

const STYLE = `body{font-family:"WenQuanYi Micro Hei",sans-serif;font-size:14px;line-height:1.6;margin:0 auto;max-width:900px}
table{border-collapse:collapse;margin:8px 0} td{border:1px solid #333;padding:3px 4px;text-align:center;vertical-align:middle}`;

/** The page of a report as a government site serves it, with table 三 given `width` and a page break before row `breakAt`. */
function buildPage(d: (typeof docs)[number], opts: { page: string; requestsWidth: string; breakAt: number | null }): string {
  let html = renderReport(d.values, { layout: 'html', seed: d.seed, fullWidth: false, wording: true, signs: 'ascii', units: 'attached', halfWidthBrackets: false });
  html = html.replace('<head>', `<head><style>${STYLE} @page{size:${opts.page};margin:18mm}</style>`);
  // Table 三 is the second table: give it its width, and break the page inside it.
  let n = 0;
  const open = `<table style="width:${opts.requestsWidth}">`;
  html = html.replace(/<table[^>]*>/g, (m) => (++n === 2 ? open : m));
  if (opts.breakAt !== null) {
    const at = html.indexOf(open);
    let rows = 0;
    html = html.slice(0, at) + html.slice(at).replace(/<tr>/g, (m) => (++rows === opts.breakAt ? '<tr style="break-before:page">' : m));
  }
  return html;
}

const chromium = (html: string, pdf: string): void => printWithChromium(html, pdf);

const work = mkdtempSync(join(tmpdir(), 'ingest-corpus-'));
const soffice = makeSoffice(work);
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
try {
  for (const d of docs) {
    const rows = d.values.form.tables.requests.rows.length;
    writeFileSync(join(OUT, `${d.name}.json`), formatValuesJson(d.values));
    const portrait = join(work, `${d.name}-portrait.html`);
    writeFileSync(portrait, buildPage(d, { page: 'A4 portrait', requestsWidth: '100%', breakAt: 3 + Math.floor(rows / 2) }));
    chromium(portrait, join(OUT, `${d.name}.chromium-portrait.pdf`));
    const landscape = join(work, `${d.name}-landscape.html`);
    writeFileSync(landscape, buildPage(d, { page: 'A4 landscape', requestsWidth: '100%', breakAt: null }));
    chromium(landscape, join(OUT, `${d.name}.chromium-landscape.pdf`));
    const plain = buildPage(d, { page: 'A4 portrait', requestsWidth: '100%', breakAt: null });
    writeFileSync(join(work, `${d.name}.writer-html.html`), plain);
    writeFileSync(join(work, `${d.name}.writer.html`), buildPage(d, { page: 'A4 portrait', requestsWidth: '760px', breakAt: null }));
    writeFileSync(join(work, `${d.name}.writer-wide.docx`), buildDocxFromHtml(plain, { 1: 15000 }));
    writeFileSync(join(OUT, `${d.name}.gbk.html`), encodeGb18030(plain.replace('charset="utf-8"', 'charset="gb2312"')));
  }
  const htmlIn = (suffix: string): string[] => readdirSync(work).filter((f) => f.endsWith(`.${suffix}.html`)).map((f) => join(work, f));
  soffice(['--infilter=HTML (StarWriter)', '--convert-to', 'pdf:writer_pdf_Export', '--outdir', work, ...htmlIn('writer-html')]);
  soffice(['--infilter=HTML (StarWriter)', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', work, ...htmlIn('writer')]);
  const docx = readdirSync(work).filter((f) => f.endsWith('.writer.docx')).map((f) => join(work, f));
  const wide = readdirSync(work).filter((f) => f.endsWith('.writer-wide.docx')).map((f) => join(work, f));
  soffice(['--convert-to', 'txt:Text (encoded):UTF8', '--outdir', work, ...docx]);
  const pdfDir = join(work, 'pdf');
  mkdirSync(pdfDir);
  soffice(['--convert-to', 'pdf:writer_pdf_Export', '--outdir', pdfDir, ...docx, ...wide]);
  for (const f of readdirSync(work)) {
    if (/\.writer-html\.pdf$|\.writer\.docx$|\.writer\.txt$/.test(f)) renameSync(join(work, f), join(OUT, f));
  }
  for (const f of readdirSync(pdfDir)) renameSync(join(pdfDir, f), join(OUT, f.replace(/\.writer(-wide)?\.pdf$/, '.writer$1-docx.pdf')));
} finally {
  rmSync(work, { recursive: true, force: true });
}
const files = readdirSync(OUT);
console.log(`make-ingest-corpus: ${docs.length} reports, ${files.length} files in ${OUT}`);
