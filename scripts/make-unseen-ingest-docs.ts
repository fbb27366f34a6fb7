/**
 * `node scripts/make-unseen-ingest-docs.ts OUT [--first N] [--count C]`: makes documents ingest has never
 * seen, of the kinds of the real-tool corpus (scripts/make-ingest-corpus.ts), into the folder OUT, for the
 * check the issue asks for (“judged on documents of the same kinds that it has never seen”). Report n (from
 * N, default 1, C reports, default 23) is drawn from seed 7000 + n: one of the five real reports or a
 * generated F2021 report of another jurisdiction and year (its counts sometimes ×17 to ×4099), printed with
 * another font (Noto Serif/Sans CJK SC or TC, Noto Sans Mono CJK, WenQuanYi), size 12–16 px, A4 or Letter,
 * margins 6–32 mm, values centred, left or right, cell padding, table 三's heading as <thead> (repeated by
 * Chromium) or not, a page break inside table 三 at another row, full-width digits, other sign and unit
 * styles. Each report in seven kinds: chromium-portrait.pdf, chromium-landscape.pdf, writer-html.pdf,
 * writer.docx, writer-docx.pdf, writer.txt, gbk.html; and <name>.json, the values they print; variants.txt
 * says how each was printed. Then score them:
 *
 *   npm run bench:ingest -- --docs OUT
 *
 * Needs chromium, libreoffice-writer-nogui, fonts-noto-cjk and fonts-wqy-microhei (Debian); takes a few
 * minutes. Nothing here is committed or read by tests: the documents are for a person to judge with.
 */
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { renderReport } from '../src/ingest/fixtures/render-report.ts';
import { createRandom, drawF2021Values, readCorpusValues, type ReportValues } from '../src/ingest/fixtures/report-values.ts';
import { CORPUS_IDS, readExpected, readJurisdictions } from '../src/ingest/fixtures/test-support.ts';
import { encodeGb18030, formatValuesJson, makeSoffice, printWithChromium, scaleCounts } from './real-tool-docs.ts';

const USAGE = 'usage: node scripts/make-unseen-ingest-docs.ts OUT [--first N] [--count C]';
const { values: opts, positionals } = parseArgs({ options: { first: { type: 'string', default: '1' }, count: { type: 'string', default: '23' } }, allowPositionals: true });
const first = Number(opts.first);
const count = Number(opts.count);
if (positionals.length !== 1 || !Number.isInteger(first) || !Number.isInteger(count) || count < 1) {
  console.error(USAGE);
  process.exit(2);
}
const OUT = resolve(positionals[0]!);
mkdirSync(OUT, { recursive: true });

const jurisdictions = readJurisdictions();
const unique = jurisdictions.all.filter((x) => jurisdictions.all.filter((o) => o.name === x.name).length === 1);
const FONTS = ['Noto Serif CJK SC', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Noto Sans Mono CJK SC', 'Noto Serif CJK TC'];
const PAGES = ['A4', 'Letter'];

const work = mkdtempSync(join(tmpdir(), 'ingest-unseen-'));
const soffice = makeSoffice(work, 240_000);
const log: string[] = [];
try {
  for (let n = first; n < first + count; n++) {
    // The order of the draws below is the documents' identity: change it and report n is another report.
    const rnd = createRandom(7000 + n);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const jur = pick(unique);
    const year = 2021 + Math.floor(rnd() * 4);
    let values: ReportValues;
    if (rnd() < 0.2) values = readCorpusValues(readExpected(pick(CORPUS_IDS)));
    else {
      values = drawF2021Values(9000 + n, jur.code, jur.name, year);
      if (rnd() < 0.4) values = scaleCounts(values, pick([17, 311, 1237, 4099]));
    }
    const name = `u${n}-${values.code}-${values.year}`;
    const font = pick(FONTS);
    const size = pick([12, 13, 14, 15, 16]);
    const page = pick(PAGES);
    const margin = pick([6, 10, 18, 25, 32]);
    const style = { fullWidth: rnd() < 0.3, wording: rnd() < 0.5, signs: pick(['ascii', 'words', 'unicode', 'bare'] as const), units: pick(['attached', 'spaced', 'bracketed', 'header'] as const), halfWidthBrackets: rnd() < 0.3 };
    const align = pick(['center', 'right', 'left']);
    const thead = rnd() < 0.5;
    const pad = pick([1, 3, 6]);
    log.push(`${name}: ${font} ${size}px ${page} margin ${margin}mm align ${align} pad ${pad} thead ${thead} ${JSON.stringify(style)}`);
    writeFileSync(join(OUT, `${name}.json`), formatValuesJson(values));
    const rows = values.form.tables.requests.rows.length;
    /** The page as a government site serves it; table 三 (the second table) full width, its heading maybe a <thead>, a page break before row `breakAt`. */
    const build = (pageCss: string, breakAt: number | null): string => {
      let html = renderReport(values, { layout: 'html', seed: 5000 + n, ...style });
      const css = `body{font-family:"${font}",sans-serif;font-size:${size}px;line-height:1.5} table{border-collapse:collapse;margin:6px 0} td{border:1px solid #222;padding:${pad}px;text-align:${align};vertical-align:middle} td p{text-align:${align} !important;margin:0}`;
      html = html.replace('<head>', `<head><style>${css} @page{size:${pageCss};margin:${margin}mm}</style>`);
      let k = 0;
      html = html.replace(/<table[^>]*>/g, (m) => (++k === 2 ? '<table style="width:100%">' : m));
      const at = html.indexOf('<table style="width:100%">');
      if (thead) {
        let seen = 0;
        html = html.slice(0, at) + html.slice(at).replace(/<tbody>/, '<thead>').replace(/<\/tr>/g, (m) => (++seen === 3 ? '</tr></thead><tbody>' : m));
      }
      if (breakAt !== null) {
        let r = 0;
        html = html.slice(0, at) + html.slice(at).replace(/<tr>/g, (m) => (++r === breakAt ? '<tr style="break-before:page">' : m));
      }
      return html;
    };
    const breakAt = rnd() < 0.7 ? 4 + Math.floor(rnd() * (rows - 2)) : null;
    const portrait = join(work, `${name}-p.html`);
    writeFileSync(portrait, build(`${page} portrait`, breakAt));
    printWithChromium(portrait, join(OUT, `${name}.chromium-portrait.pdf`), 240_000);
    const landscape = join(work, `${name}-l.html`);
    writeFileSync(landscape, build(`${page} landscape`, rnd() < 0.4 ? breakAt : null));
    printWithChromium(landscape, join(OUT, `${name}.chromium-landscape.pdf`), 240_000);
    const plain = build(`${page} portrait`, null);
    writeFileSync(join(work, `${name}.writer-html.html`), plain);
    writeFileSync(join(work, `${name}.writer.html`), plain.replace('<table style="width:100%">', `<table style="width:${pick(['100%', '700px', '760px'])}">`));
    writeFileSync(join(OUT, `${name}.gbk.html`), encodeGb18030(plain.replace('charset="utf-8"', 'charset="gb2312"')));
  }
  const htmlIn = (suffix: string): string[] => readdirSync(work).filter((f) => f.endsWith(`.${suffix}.html`)).map((f) => join(work, f));
  soffice(['--infilter=HTML (StarWriter)', '--convert-to', 'pdf:writer_pdf_Export', '--outdir', work, ...htmlIn('writer-html')]);
  soffice(['--infilter=HTML (StarWriter)', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', work, ...htmlIn('writer')]);
  const docx = readdirSync(work).filter((f) => f.endsWith('.writer.docx')).map((f) => join(work, f));
  soffice(['--convert-to', 'txt:Text (encoded):UTF8', '--outdir', work, ...docx]);
  const pdfDir = join(work, 'pdf');
  mkdirSync(pdfDir);
  soffice(['--convert-to', 'pdf:writer_pdf_Export', '--outdir', pdfDir, ...docx]);
  for (const f of readdirSync(work)) if (/\.writer-html\.pdf$|\.writer\.docx$|\.writer\.txt$/.test(f)) renameSync(join(work, f), join(OUT, f));
  for (const f of readdirSync(pdfDir)) renameSync(join(pdfDir, f), join(OUT, f.replace(/\.writer\.pdf$/, '.writer-docx.pdf')));
} finally {
  rmSync(work, { recursive: true, force: true });
}
writeFileSync(join(OUT, 'variants.txt'), `${log.join('\n')}\n`, { flag: 'a' });
console.log(`make-unseen-ingest-docs: ${count} reports × 7 kinds in ${OUT}; score them with npm run bench:ingest -- --docs ${OUT}`);
