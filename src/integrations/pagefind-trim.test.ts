/**
 * Trimming pages for Pagefind: what is cut and what is kept on small pages, when a page is left whole,
 * and, on the real built pages (the global setup's build) plus variants that put into charts and tables
 * what Pagefind reads even there, that the index written from trimmed pages is byte for byte the index
 * written from whole ones, while a careless trim changes it.
 */
import { createHash } from 'node:crypto';
import { cpSync, globSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { buildSearchIndex, PAGEFIND_DIR, SEARCH_GLOB } from './pagefind.ts';
import { searchWrittenIndex } from '../fixtures/pagefind-node-search.ts';
import { trimForSearch as trim } from './pagefind-trim.ts';
import { SEARCH_SKIP_END, SEARCH_SKIP_START } from '../site/search-skip.ts';

const scratch = mkdtempSync(join(tmpdir(), 'gongkai-pagefind-trim-test-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A page with `main` as its root's content, and a head, header and footer around it. */
function makePage(main: string, attrs = ' id="main"'): string {
  return `<!DOCTYPE html><html lang="zh-CN"><head><title>页</title><style>main{}</style></head><body><header><nav><a href="/">首页</a></nav></header><main${attrs}>${main}</main><footer>页脚</footer></body></html>`;
}

/** What the trimmer should give for a page made by `makePage`. */
function makeTrimmed(main: string, attrs = ' id="main"'): string {
  return `<!DOCTYPE html><html lang="zh-CN"><main${attrs}>${main}</main></html>\n`;
}

/** Content marked as what search skips. */
const skip = (inner: string): string => `${SEARCH_SKIP_START}${inner}${SEARCH_SKIP_END}`;

describe('trimming a page', () => {
  it('keeps the <html> tag and the root, cuts out what the page marks, and drops the rest', () => {
    const main = `<h1>标题</h1><p>正文<b>粗</b></p><figure class="chart" id="c1">${skip('<svg viewBox="0 0 1 1"><path d="M0"/><text>9</text></svg><figcaption>图</figcaption>')}</figure><table>${skip('<tr><td>1</td>')}</table><section id="quality">${skip('<section><h2>q</h2></section>')}</section><nav>n</nav><p>尾</p>`;
    expect(trim(makePage(main))).toEqual({
      html: makeTrimmed('<h1>标题</h1><p>正文<b>粗</b></p><figure class="chart" id="c1"></figure><table></table><section id="quality"></section><nav>n</nav><p>尾</p>'),
      untouched: null,
    });
  });

  it('cuts nothing the page does not mark', () => {
    const main = '<figure class="chart"><svg><path d="M0"/></svg></figure><table><tr><td>1</td></tr></table><!-- search --><p>后</p>';
    expect(trim(makePage(main))).toEqual({ html: makeTrimmed(main), untouched: null });
  });

  it('keeps a marked part whole when it holds what Pagefind reads even inside an excluded element', () => {
    for (const inner of ['<h1>图中标题</h1>', '<img src="/a.png" alt="图">', '<span data-pagefind-filter="年度:2020">2020</span>', '<svg><title>图题</title></svg>', '<div data-pagefind-meta="k:v"></div>']) {
      const main = `<p>前</p><figure class="chart">${skip(`${inner}<svg><path d="M0"/></svg>`)}</figure><table>${skip('<tr><td>1</td></tr>')}</table>`;
      expect(trim(makePage(main)).html, inner).toBe(makeTrimmed(`<p>前</p><figure class="chart">${inner}<svg><path d="M0"/></svg></figure><table></table>`));
    }
  });

  it('leaves a page whole, saying why, when it is not what the marks promise', () => {
    const cases: [string, RegExp][] = [
      [makePage('<p>a</p>').replace('<footer>', '<main>b</main><footer>'), /2 <main> tags/],
      [makePage('<p>a</p>').replace('<main id="main">', '<div>').replace('</main>', '</div>'), /0 <main> tags/],
      [makePage('<p>a</p>').replace('<body>', '<body data-pagefind-body>'), /outside <main>/],
      [makePage(`<figure>${SEARCH_SKIP_START}<svg></svg></figure>`), /left open/],
      [makePage(`<figure>${SEARCH_SKIP_START}<svg></svg></figure>`).replace('<footer>', `<footer>${SEARCH_SKIP_END}`), /left open/],
      [makePage(`<figure>${SEARCH_SKIP_START}<table>${skip('x')}</table></figure>`), /nested/],
    ];
    for (const [page, reason] of cases) {
      const trimmed = trim(page);
      expect(trimmed.html, page).toBe(page);
      expect(trimmed.untouched, page).toMatch(reason);
    }
  });
});

/** Each file under `dir` by relative path, with its bytes' hash. */
function hashTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) files[join(e.parentPath, e.name).slice(dir.length + 1)] = createHash('sha256').update(readFileSync(join(e.parentPath, e.name))).digest('hex');
  }
  return files;
}

/** Copies the pages search covers from `from` to `to`, passing each through `change`. */
function copySearchPages(from: string, to: string, change: (html: string) => string = (html) => html): void {
  for (const path of globSync(SEARCH_GLOB, { cwd: from })) {
    mkdirSync(dirname(join(to, path)), { recursive: true });
    writeFileSync(join(to, path), change(readFileSync(join(from, path), 'utf8')));
  }
}

describe('the index of trimmed pages', () => {
  it('holds a report page’s own facts but not the facts the same on every report (the form, the source text link, the tables’ note)', async () => {
    const dist = inject('distDir');
    const reports = globSync('reports/*/index.html', { cwd: dist });
    expect(reports.length).toBeGreaterThan(0);
    // Each phrase is on every report page, in the facts list or the note above the tables.
    const skipped = ['格式，适用于', '逐行编号', '印出的一致'];
    for (const path of reports) {
      const html = readFileSync(join(dist, path), 'utf8');
      for (const phrase of skipped) expect(html, `${path}: ${phrase}`).toContain(phrase);
    }
    for (const phrase of skipped) {
      const hits = (await searchWrittenIndex(dist, PAGEFIND_DIR, phrase)).filter((h) => h.url.startsWith('/reports/') && h.content.includes(phrase));
      expect(hits.map((h) => h.url), phrase).toEqual([]);
    }
    // The place, publisher and year in the facts are still found.
    const own = await searchWrittenIndex(dist, PAGEFIND_DIR, '同江市');
    expect(own.map((h) => h.url)).toContain('/reports/230881-2020/');
  });

  it('trims every page search covers on the built site to a fraction of its size', () => {
    const dist = inject('distDir');
    let whole = 0;
    let trimmed = 0;
    for (const path of globSync(SEARCH_GLOB, { cwd: dist })) {
      const html = readFileSync(join(dist, path), 'utf8');
      const result = trim(html);
      expect(result.untouched, path).toBeNull();
      whole += html.length;
      trimmed += result.html.length;
    }
    expect(trimmed / whole).toBeLessThan(0.3);
  });

  it('is byte for byte the index of whole pages, with what Pagefind reads in charts and tables kept, and a careless trim changes it', async () => {
    const dist = inject('distDir');
    const base = join(scratch, 'base');
    copySearchPages(dist, base);
    // Variants of a real report page that put into its charts and tables what Pagefind reads even there.
    const report = readFileSync(join(base, 'reports', '230881-2020', 'index.html'), 'utf8');
    const variants: Record<string, string> = {
      // The title from an <h1> inside a chart, the page's own <h1> made a paragraph.
      '230881-2097': report.replace(/<h1>([^<]*)<\/h1>/, '<p>$1</p>').replace('<figcaption', '<h1>图中标题</h1><figcaption'),
      // The image: the first <img> after the title, inside a table.
      '230881-2098': report.replace('</caption>', '</caption><tr><td><img src="/table.png" alt="表图"></td></tr>'),
      // A filter and an anchor inside a chart.
      '230881-2099': report.replace('<figcaption', '<span data-pagefind-filter="来源">图表</span><h2 id="in-chart">图内</h2><figcaption'),
    };
    for (const [id, html] of Object.entries(variants)) {
      expect(html, id).not.toBe(report);
      mkdirSync(join(base, 'reports', id), { recursive: true });
      writeFileSync(join(base, 'reports', id, 'index.html'), html);
    }
    const sites = { whole: join(scratch, 'whole'), trimmed: join(scratch, 'trimmed'), careless: join(scratch, 'careless') };
    cpSync(base, sites.whole, { recursive: true });
    cpSync(base, sites.trimmed, { recursive: true });
    // A trim that drops charts and tables whatever they hold.
    copySearchPages(base, sites.careless, (html) => html.replace(/<(figure|table)\b[^>]*>[\s\S]*?<\/\1>/g, '<$1></$1>'));

    const whole = await buildSearchIndex(sites.whole, { trim: false });
    const trimmed = await buildSearchIndex(sites.trimmed);
    await buildSearchIndex(sites.careless, { trim: false });
    expect(trimmed.whole).toEqual([]);
    expect(trimmed.pages).toBe(whole.pages);
    const wholeTree = hashTree(join(sites.whole, PAGEFIND_DIR));
    expect(Object.keys(wholeTree).filter((f) => f.includes('/fragment/')).length).toBe(whole.pages);
    expect(hashTree(join(sites.trimmed, PAGEFIND_DIR))).toEqual(wholeTree);
    expect(hashTree(join(sites.careless, PAGEFIND_DIR))).not.toEqual(wholeTree);

    // What the variants put in charts and tables is in the index of trimmed pages.
    const hits = new Map((await searchWrittenIndex(sites.trimmed, PAGEFIND_DIR, '同江')).map((h) => [h.url, h]));
    expect(hits.get('/reports/230881-2097/')?.meta.title).toBe('图中标题');
    expect(hits.get('/reports/230881-2098/')?.meta.image).toBe('/table.png');
    expect(hits.get('/reports/230881-2099/')?.filters).toEqual({ 来源: ['图表'] });
    expect(hits.get('/reports/230881-2020/')?.meta.title).toBe(hits.get('/reports/230881-2098/')?.meta.title);
  });
});
