import { describe, expect, it } from 'vitest';
import { loadSynthContent } from '../fixtures/synth-content.ts';
import { setCellValue } from '../fixtures/committed-content.ts';
import type { CheckedReport } from '../reports/types.ts';
import { buildYearView } from '../views/year-view.ts';
import { getPageKeys, type KeyedContent } from './keys.ts';

describe('the keys of a year’s report list past its first page', () => {
  // Every report of 1,000 synthetic ones moved into 2020: four pages of 250.
  const synth = loadSynthContent(1000);
  const content: KeyedContent = { jurisdictions: synth.jurisdictions, reports: synth.reports.map((r) => ({ ...r, meta: { ...r.meta, year: 2020 } })) };
  const keys = getPageKeys(content);
  const pages = [2, 3, 4];
  // The report listed first on page 3 (the list is by id within the year).
  const listed = buildYearView(content.reports, content.jurisdictions, 2020, 3).items[0]!.href;
  const subject = content.reports.find((r) => listed.includes(`/${r.meta.id}/`))!;
  const replace = (report: CheckedReport): KeyedContent => ({ jurisdictions: content.jurisdictions, reports: content.reports.map((r) => (r.meta.id === subject.meta.id ? report : r)) });

  it('stay when a report’s figures change (the first page, with the year’s overview, changes)', () => {
    const after = getPageKeys(replace(setCellValue(subject, { table: 'appeals', row: 'review', column: 'total' }, 9999) as CheckedReport));
    expect(after.year(2020)).not.toBe(keys.year(2020));
    for (const page of pages) expect(after.yearPage(2020, page), String(page)).toBe(keys.yearPage(2020, page));
  });

  it('change for the page that lists a retitled report, and only for it', () => {
    const after = getPageKeys(replace({ ...subject, meta: { ...subject.meta, title: `${subject.meta.title}（修订）` } }));
    expect(after.yearPage(2020, 3)).not.toBe(keys.yearPage(2020, 3));
    for (const page of [2, 4]) expect(after.yearPage(2020, page), String(page)).toBe(keys.yearPage(2020, page));
  });

  it('change for every page when the year’s count of failing reports changes (each page shows it)', () => {
    const passing = subject.outcomes.every((o) => o.status !== 'fail');
    const outcomes = passing ? [...subject.outcomes, { ...subject.outcomes[0]!, rule: 'T4-A', status: 'fail' }] : subject.outcomes.map((o) => ({ ...o, status: 'pass' }));
    const after = getPageKeys(replace({ ...subject, outcomes: outcomes as CheckedReport['outcomes'] }));
    for (const page of pages) expect(after.yearPage(2020, page), String(page)).not.toBe(keys.yearPage(2020, page));
  });
});
