import { describe, expect, it } from 'vitest';
import { loadCommittedContent } from '../fixtures/committed-content.ts';
import { loadSynthContent } from '../fixtures/synth-content.ts';
import type { LoadedContent } from '../loaders/load-content.ts';
import { buildSearchNames, buildSearchPlaceReports, renderSearchNamesJson } from './search-view.ts';

/** The name index as the search page embeds it. */
function renderEmbedded(content: LoadedContent): string {
  return renderSearchNamesJson(buildSearchNames(content.jurisdictions, content.reports));
}

describe('the search page’s name index', () => {
  const content = loadCommittedContent();

  it('holds every jurisdiction with its report count, and no report', () => {
    const names = buildSearchNames(content.jurisdictions, content.reports);
    expect(names).toHaveLength(content.jurisdictions.all.length);
    expect(names.find((n) => n.code === '230881')).toEqual({ code: '230881', name: '同江市', level: 'county', levelLabel: '县级', reports: 1 });
    expect(names.reduce((sum, n) => sum + n.reports, 0)).toBe(content.reports.length);
    const json = renderEmbedded(content);
    for (const r of content.reports) expect(json.includes(r.meta.id), r.meta.id).toBe(false);
    expect(json).not.toContain('<');
  });

  it('gives each jurisdiction’s reports, newest first, with their failing rules', () => {
    expect(buildSearchPlaceReports(content.reports, '230881')).toEqual([{ id: '230881-2020', year: 2020, title: '同江市2020年政府信息公开工作年度报告', failing: ['T3-A', 'T3-B'] }]);
    expect(buildSearchPlaceReports(content.reports, '230100')).toEqual([]);
  });

  it('does not grow with the number of reports (issue #7): the same size but for the counts at 5 and 1,000 synthetic reports', () => {
    const synth = loadSynthContent(1000);
    const small = renderEmbedded(content);
    const large = renderEmbedded(synth);
    // Only the counts differ: at most three more digits for each of the 135 jurisdictions.
    expect(large.length - small.length).toBeLessThanOrEqual(3 * content.jurisdictions.all.length);
    expect(Buffer.byteLength(large, 'utf8')).toBeLessThan(16_000);
    const names = buildSearchNames(synth.jurisdictions, synth.reports);
    expect(names.reduce((sum, n) => sum + n.reports, 0)).toBe(1000);
    // Every report is in the list of its own jurisdiction, once.
    const listed = names.flatMap((n) => buildSearchPlaceReports(synth.reports, n.code).map((r) => r.id));
    expect([...listed].sort()).toEqual(synth.reports.map((r) => r.meta.id).sort());
    for (const n of names) {
      const years = buildSearchPlaceReports(synth.reports, n.code).map((r) => r.year);
      expect(years).toEqual([...years].sort((a, b) => b - a));
    }
  });
});
