import { describe, expect, it } from 'vitest';
import { loadCommittedContent } from '../fixtures/committed-content.ts';
import { loadSynthContent } from '../fixtures/synth-content.ts';
import { buildNewestEntries, FEED_MAX_ENTRIES } from './feed-window.ts';
import { buildFindingEntries, buildReportEntries, renderAtomFeed } from './feeds.ts';

const SITE = 'https://gongkai.example.org/';
const HEAD = { title: 't', subtitle: 's', self: `${SITE}feeds/x.xml`, home: SITE, emptyUpdated: '1970-01-01T00:00:00Z' };

describe('buildNewestEntries', () => {
  it('keeps every entry of the committed reports (fewer than the cap)', () => {
    const { reports, jurisdictions } = loadCommittedContent();
    expect(buildNewestEntries(reports, (r) => buildReportEntries(r, jurisdictions, SITE))).toEqual(buildReportEntries(reports, jurisdictions, SITE));
    const findings = buildFindingEntries(reports, jurisdictions, SITE);
    expect(findings.length).toBeGreaterThan(0);
    expect(buildNewestEntries(reports, (r) => buildFindingEntries(r, jurisdictions, SITE))).toEqual(findings);
    expect(buildNewestEntries(reports, (r) => buildFindingEntries(r, jurisdictions, SITE), 1)).toEqual(findings.slice(0, 1));
  });

  it('cuts 1,000 synthetic reports to the newest entries, the same as building all and cutting', () => {
    const { reports, jurisdictions } = loadSynthContent(1000);
    const all = buildReportEntries(reports, jurisdictions, SITE);
    const newest = buildNewestEntries(reports, (r) => buildReportEntries(r, jurisdictions, SITE));
    expect(newest).toHaveLength(FEED_MAX_ENTRIES);
    expect(newest).toEqual(all.slice(0, FEED_MAX_ENTRIES));
    expect(newest.every((e) => e.updated >= all.at(-1)!.updated)).toBe(true);
    // The feed's date is still its newest entry's.
    expect(renderAtomFeed(HEAD, newest)).toContain(`<updated>${all[0]!.updated}</updated>`);
    const findings = buildFindingEntries(reports, jurisdictions, SITE);
    const newestFindings = buildNewestEntries(reports, (r) => buildFindingEntries(r, jurisdictions, SITE), 5);
    expect(findings.length).toBeGreaterThan(5);
    expect(newestFindings).toEqual(findings.slice(0, 5));
  });
});
