import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../reports/diagnostic.ts';
import { readJurisdictionsCsv } from '../jurisdictions/jurisdictions.ts';
import { loadContent, type ContentFs } from '../loaders/load-content.ts';
import { generateSynthFiles, generateSynthReports, SYNTH_FILES, type SynthManifest } from './generate.ts';
import { planSynthCorpus, SYNTH_YEARS, type SynthOptions } from './plan.ts';
import { SYNTH_PUBLISHER, SYNTH_TITLE_PREFIX } from './text.ts';

const JURISDICTIONS_CSV = readFileSync(new URL('../../content/jurisdictions.csv', import.meta.url), 'utf8');
const { index: jurisdictions } = readJurisdictionsCsv(JURISDICTIONS_CSV, 'jurisdictions.csv');

/** Generates a corpus into memory: path → text. */
function generateInMemory(options: SynthOptions): Map<string, string> {
  const plan = planSynthCorpus(jurisdictions, options);
  return new Map([...generateSynthFiles(plan, JURISDICTIONS_CSV)].map((f) => [f.path, f.text]));
}

/** A ContentFs over an in-memory corpus rooted at `root`. */
function createMemoryFs(files: ReadonlyMap<string, string>, root: string): ContentFs {
  const dirs = new Map<string, Set<string>>();
  for (const path of files.keys()) {
    const parts = `${root}/${path}`.split('/');
    for (let i = 1; i < parts.length - 1; i++) {
      const parent = parts.slice(0, i).join('/');
      if (!dirs.has(parent)) dirs.set(parent, new Set());
      dirs.get(parent)!.add(parts[i]!);
    }
  }
  return {
    readText: (path) => (path.startsWith(`${root}/`) ? files.get(path.slice(root.length + 1)) : undefined),
    listDirs: (path) => [...(dirs.get(path) ?? [])],
    exists: (path) => path.startsWith(`${root}/`) && files.has(path.slice(root.length + 1)),
  };
}

const OPTIONS: SynthOptions = { reports: 300, seed: 7, inconsistentShare: 0.1 };
const files = generateInMemory(OPTIONS);
const manifest = JSON.parse(files.get(SYNTH_FILES.manifest) ?? '{}') as SynthManifest;
const content = loadContent(createMemoryFs(files, '/corpus'), '/corpus');

describe('the synthetic corpus', () => {
  it('is byte-identical for the same seed and different for another', () => {
    const again = generateInMemory(OPTIONS);
    expect([...again.keys()]).toEqual([...files.keys()]);
    for (const [path, text] of files) expect(again.get(path), path).toBe(text);
    const other = generateInMemory({ ...OPTIONS, seed: 8 });
    const differing = [...files.keys()].filter((p) => p.endsWith('requests.csv') && other.get(p) !== files.get(p));
    expect(differing.length).toBeGreaterThan(250);
  });

  it('loads with no content errors', () => {
    expect(content.errors.map(formatDiagnostic)).toEqual([]);
    expect(content.reports).toHaveLength(300);
    expect(content.knownErrors).toEqual([]);
  });

  it('fails exactly the rules the manifest lists, at exactly the places it lists', () => {
    const failing = content.reports
      .flatMap((r) => r.outcomes.filter((o) => o.status === 'fail').map((o) => ({ report: r.meta.id, rule: o.rule, at: o.checks.filter((c) => c.status === 'fail').map((c) => c.at) })))
      .sort((a, b) => (a.report < b.report ? -1 : a.report > b.report ? 1 : a.rule < b.rule ? -1 : 1));
    expect(failing).toEqual(manifest.deliberate.map(({ report, rule, at }) => ({ report, rule, at })));
    expect(manifest.deliberate).toHaveLength(30);
    expect(content.findings).toHaveLength(manifest.deliberate.reduce((n, d) => n + d.at.length, 0));
    // Every breakable rule is exercised, within-report and across years alike.
    expect(Object.keys(manifest.counts.rule ?? {}).sort()).toEqual(['T2-A', 'T3-A', 'T3-B', 'T3-C', 'T4-A', 'X-1', 'X-2']);
  });

  it('checks the year-to-year rules wherever the previous report is in the corpus', () => {
    const checked = (rule: string): number =>
      content.reports.filter((r) => r.outcomes.some((o) => o.rule === rule && o.status === 'pass')).length;
    expect(checked('X-1')).toBeGreaterThan(100);
    expect(checked('X-2')).toBeGreaterThan(50);
  });

  it('uses every jurisdiction, both form versions, every year 2019–2025, and department reports', () => {
    const codes = new Set(content.reports.map((r) => r.meta.jurisdiction));
    expect([...codes].sort()).toEqual(jurisdictions.all.map((j) => j.code).sort());
    expect(jurisdictions.all).toHaveLength(135);
    expect(new Set(content.reports.map((r) => r.meta.form))).toEqual(new Set(['F2019', 'F2021']));
    expect([...new Set(content.reports.map((r) => r.meta.year))].sort()).toEqual([...SYNTH_YEARS]);
    for (const r of content.reports) expect(r.meta.form, r.meta.id).toBe(r.meta.year <= 2020 ? 'F2019' : 'F2021');
    const departments = content.reports.filter((r) => /^\d{6}-[a-z]+-\d{4}$/.test(r.meta.id));
    expect(departments).toHaveLength(manifest.counts.kind?.department ?? -1);
    expect(departments.length).toBeGreaterThan(0);
    expect(departments.every((r) => r.meta.scope === 'self')).toBe(true);
  });

  it('marks every report as synthetic', () => {
    for (const r of content.reports) {
      expect(r.meta.title.startsWith(SYNTH_TITLE_PREFIX), r.meta.id).toBe(true);
      expect(r.meta.publisher).toBe(SYNTH_PUBLISHER);
      expect(r.meta.source.note).toContain('合成数据');
      expect(r.narrative.preamble).toContain('合成数据');
      expect(files.get(`${r.dir}/source.txt`)).toContain('合成数据');
    }
    expect(manifest.synthetic).toBe(true);
    expect(files.get(SYNTH_FILES.readme)).toContain('synthetic corpus, not real reports');
  });

  it('reads back exactly the reports it generated', () => {
    const plan = planSynthCorpus(jurisdictions, OPTIONS);
    const byId = new Map(content.reports.map((r) => [r.meta.id, r]));
    let compared = 0;
    for (const { report } of generateSynthReports(plan)) {
      const loaded = byId.get(report.meta.id);
      expect(loaded?.tables, report.meta.id).toEqual(report.tables);
      expect(loaded?.narrative, report.meta.id).toEqual(report.narrative);
      expect(loaded?.meta, report.meta.id).toEqual(report.meta);
      compared++;
    }
    expect(compared).toBe(300);
  });
});

describe('planning a corpus', () => {
  it('gives N = 20,000 one report per jurisdiction and year, and the rest to departments', () => {
    const plan = planSynthCorpus(jurisdictions, { reports: 20_000, seed: 1, inconsistentShare: 0.02 });
    expect(plan.government).toBe(135 * 7);
    expect(plan.department).toBe(20_000 - 945);
    expect(plan.series.reduce((n, s) => n + s.years.length, 0)).toBe(20_000);
    expect(plan.breaks.size).toBe(400);
    const perJurisdiction = new Map<string, number>();
    for (const s of plan.series) if (s.agency) perJurisdiction.set(s.jurisdiction.code, (perJurisdiction.get(s.jurisdiction.code) ?? 0) + 1);
    // Departments are spread evenly: every jurisdiction has 20 or 21 department series.
    expect(new Set(perJurisdiction.values())).toEqual(new Set([20, 21]));
    expect(new Set(plan.series.map((s) => s.series)).size).toBe(plan.series.length);
  });

  it('refuses what it cannot produce', () => {
    expect(() => planSynthCorpus(jurisdictions, { reports: 0, seed: 1, inconsistentShare: 0 })).toThrow(/positive integer/);
    expect(() => planSynthCorpus(jurisdictions, { reports: 40_000, seed: 1, inconsistentShare: 0 })).toThrow(/at most 33075/);
    expect(() => planSynthCorpus(jurisdictions, { reports: 10, seed: 1, inconsistentShare: 0.9 })).toThrow(/between 0 and 0.5/);
  });
});
