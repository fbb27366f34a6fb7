import { describe, expect, it } from 'vitest';
import { loadCommittedContent } from '../fixtures/committed-content.ts';
import type { CheckedReport } from '../reports/types.ts';
import { buildPlaceOgText, buildYearOgText, hashOgText, listPlaceOgCards, listYearOgCards } from './og-images.ts';
import { placeOgImagePath, yearOgImagePath } from '../site/paths.ts';

const content = loadCommittedContent();
const tongjiang = content.jurisdictions.byCode.get('230881');
if (!tongjiang) throw new Error('no 230881 in the jurisdiction list');

/** A copy of a report moved to another year (so a place has reports over several years). */
function inYear(report: CheckedReport, year: number): CheckedReport {
  return { ...report, meta: { ...report.meta, id: report.meta.id.replace(/\d{4}$/, String(year)), year } };
}

describe('the link-preview cards', () => {
  it('are one per jurisdiction and one per year, at stable URLs, however many reports there are', () => {
    expect([placeOgImagePath('230881'), yearOgImagePath(2020)]).toEqual(['/jurisdictions/230881/og.png', '/years/2020/og.png']);
    const places = listPlaceOgCards(content.reports, content.jurisdictions);
    expect(places.map((c) => c.code)).toEqual(content.jurisdictions.all.map((j) => j.code));
    const years = listYearOgCards(content.reports, content.jurisdictions);
    expect(years.map((c) => c.year)).toEqual([...new Set(content.reports.map((r) => r.meta.year))].sort());
    // Ten times the reports, over three years: still one card per place, one per year.
    const more = content.reports.flatMap((r) => [r, inYear(r, 2019), inYear(r, 2021)]);
    expect(listPlaceOgCards(more, content.jurisdictions)).toHaveLength(places.length);
    expect(listYearOgCards(more, content.jurisdictions).map((c) => c.path)).toEqual(['/years/2019/og.png', '/years/2020/og.png', '/years/2021/og.png']);
  });

  it('name the place with its chain and how many reports the site holds for it, over which years', () => {
    const own = content.reports.filter((r) => r.meta.jurisdiction === '230881');
    expect(own).toHaveLength(1);
    const one = buildPlaceOgText(tongjiang, own, content.jurisdictions);
    expect(one.title).toBe('同江市政府信息公开工作年度报告');
    expect(one.subtitle).toBe('黑龙江省 · 佳木斯市 · 县级 · 已收录 1 份年度报告（2020 年）');
    const three = buildPlaceOgText(tongjiang, [inYear(own[0]!, 2021), own[0]!, inYear(own[0]!, 2019)], content.jurisdictions);
    expect(three.subtitle).toBe('黑龙江省 · 佳木斯市 · 县级 · 已收录 3 份年度报告（2019–2021 年）');
    const none = buildPlaceOgText(content.jurisdictions.byCode.get('230100')!, [], content.jurisdictions);
    expect(none.subtitle).toBe('黑龙江省 · 地市级 · 暂未收录年度报告');
  });

  it('name the year with its reports and places', () => {
    const text = buildYearOgText(2020, content.reports, '黑龙江省');
    expect([text.title, text.subtitle]).toEqual(['2020 年度政府信息公开工作年度报告', `黑龙江省各级政府和部门 · 已收录 ${content.reports.length} 份报告，涉及 ${new Set(content.reports.map((r) => r.meta.jurisdiction)).size} 个地区`]);
  });

  it('are keyed by their words, so a card is made again only when its words change', () => {
    const [first] = listPlaceOgCards(content.reports, content.jurisdictions);
    const again = listPlaceOgCards(content.reports, content.jurisdictions)[0]!;
    expect(hashOgText(again.text)).toBe(hashOgText(first!.text));
    expect(hashOgText({ ...first!.text, subtitle: `${first!.text.subtitle}。` })).not.toBe(hashOgText(first!.text));
    // A report edited in place (same place, same year) leaves every card's words as they were.
    const edited = content.reports.map((r) => (r.meta.id === '230881-2020' ? { ...r, narrative: { ...r.narrative } } : r));
    expect(listPlaceOgCards(edited, content.jurisdictions).map((c) => hashOgText(c.text))).toEqual(listPlaceOgCards(content.reports, content.jurisdictions).map((c) => hashOgText(c.text)));
  });
});
