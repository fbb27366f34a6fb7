/**
 * Department comparisons on the site built from the synthetic department corpus: a kind of
 * department has a comparison page for a year (/compare/<year>/<metric>/<kind>/, with its charts'
 * embed files) exactly when it has two reports or more that year, every level together; a kind with
 * one report that year has none, and no built page, feed or sitemap links to one. The counts come
 * from the corpus's report ids, not from the code that lists the pages.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { loadDepartmentContent } from '../src/fixtures/department-corpus.ts';
import { parseReportId } from '../src/publishers/publisher.ts';
import { DEPARTMENT_COMPARE_METRIC_IDS } from '../src/views/department-compare-view.ts';

const dist = inject('departmentsDistDir');
const content = loadDepartmentContent();

/** Reports by department kind and year (`jiaoyu|2021`), counted from their ids. */
const counts = new Map<string, number>();
for (const r of content.reports) {
  const agency = parseReportId(r.meta.id)?.agency;
  if (agency) counts.set(`${agency}|${r.meta.year}`, (counts.get(`${agency}|${r.meta.year}`) ?? 0) + 1);
}

/** Every file of the output, relative, with `/` separators. */
function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(dir, `${prefix}${e.name}/`) : [`${prefix}${e.name}`]));
}
const files = listFiles(dist);

/** A department comparison's path: /compare/2021/grant_rate/jiaoyu/ (a government comparison has no kind). */
const DEPARTMENT_COMPARE = /(?<!\/embed)\/compare\/(\d{4})\/([a-z0-9_]+)\/([a-z][a-z0-9-]*)\//g;

describe('department comparison pages', () => {
  it('the corpus has a kind with one report in a year and one with two (else this test shows nothing)', () => {
    expect([...counts.values()]).toContain(1);
    expect([...counts.values()]).toContain(2);
  });

  it('exist, with their embeds, exactly for a kind and year with two reports or more', () => {
    for (const [group, n] of counts) {
      const [kind, year] = group.split('|');
      for (const metric of DEPARTMENT_COMPARE_METRIC_IDS) {
        const page = `compare/${year}/${metric}/${kind}/index.html`;
        expect(existsSync(join(dist, page)), `${page} (${n} report(s))`).toBe(n >= 2);
        const embeds = files.filter((f) => f.startsWith(`embed/compare/${year}/${metric}/${kind}/`));
        if (n >= 2) expect(embeds.length, `embeds of ${page}`).toBeGreaterThan(0);
        else expect(embeds, `embeds of ${page}`).toEqual([]);
      }
    }
    // Nothing else: every department comparison directory built is one of a kind and year counted above.
    const built = new Set(files.map((f) => /^compare\/(\d{4})\/[^/]+\/([^/]+)\/index\.html$/.exec(f)).flatMap((m) => (m ? [`${m[2]}|${m[1]}`] : [])));
    for (const group of built) expect(counts.get(group) ?? 0, group).toBeGreaterThanOrEqual(2);
  });

  it('are linked from the comparisons index, the government comparison, a department’s page and each other; nothing links to a missing one', () => {
    const linked = new Map<string, string>();
    for (const f of files.filter((f) => /\.(html|xml|json)$/.test(f))) {
      const text = readFileSync(join(dist, f), 'utf8');
      for (const m of text.matchAll(DEPARTMENT_COMPARE)) {
        linked.set(`compare/${m[1]}/${m[2]}/${m[3]}/index.html`, f);
      }
    }
    for (const [target, from] of linked) expect(existsSync(join(dist, target)), `${from} links ${target}`).toBe(true);
    // Each compared kind and year is reached: from the index, and from its government comparison of the same metric.
    const index = readFileSync(join(dist, 'compare', 'index.html'), 'utf8');
    const government = (year: string, metric: string): string => readFileSync(join(dist, 'compare', year, metric, 'index.html'), 'utf8');
    for (const [group, n] of counts) {
      const [kind = '', year = ''] = group.split('|');
      const metric = DEPARTMENT_COMPARE_METRIC_IDS[0]!;
      const href = `/compare/${year}/${metric}/${kind}/`;
      expect(index.includes(`href="${href}"`), `${href} on /compare/ (${n} report(s))`).toBe(n >= 2);
      if (existsSync(join(dist, 'compare', year, metric, 'index.html'))) expect(government(year, metric).includes(`href="${href}"`), `${href} on /compare/${year}/${metric}/`).toBe(n >= 2);
    }
  });

  it('a department alone of its kind in its latest year links no comparison; one with a peer of its kind that year does', () => {
    const latest = new Map<string, number>();
    for (const r of content.reports) {
      const p = parseReportId(r.meta.id);
      if (p?.agency) latest.set(p.publisher, Math.max(latest.get(p.publisher) ?? 0, r.meta.year));
    }
    for (const [publisher, year] of latest) {
      const kind = parseReportId(`${publisher}-${year}`)!.agency!;
      const html = readFileSync(join(dist, 'publishers', publisher, 'index.html'), 'utf8');
      const links = [...html.matchAll(DEPARTMENT_COMPARE)].filter((m) => m[3] === kind && m[1] === String(year));
      if ((counts.get(`${kind}|${year}`) ?? 0) >= 2) expect(links.length, publisher).toBeGreaterThan(0);
      else expect(links.map((m) => m[0]), publisher).toEqual([]);
    }
  });
});
