import { describe, expect, it } from 'vitest';
import type { Jurisdiction } from '../jurisdictions/jurisdictions.ts';
import { AGENCIES, findAgency, listAgencyNames, matchAgencyName, matchAgencyQuery } from './agencies.ts';
import { describePublisher, isDepartmentReportId, parseReportId } from './publisher.ts';

const HARBIN: Jurisdiction = { code: '230100', name: '哈尔滨市', level: 'prefecture', parent: '230000' };
const PROVINCE: Jurisdiction = { code: '230000', name: '黑龙江省', level: 'province', parent: null };
const TONGJIANG: Jurisdiction = { code: '230881', name: '同江市', level: 'county', parent: '230800' };

describe('parseReportId', () => {
  it('splits a government report id', () => {
    expect(parseReportId('230881-2020')).toEqual({ jurisdiction: '230881', agency: null, year: 2020, publisher: '230881' });
  });
  it('splits a department report id', () => {
    expect(parseReportId('230100-jiaoyu-2023')).toEqual({ jurisdiction: '230100', agency: 'jiaoyu', year: 2023, publisher: '230100-jiaoyu' });
    expect(isDepartmentReportId('230100-jiaoyu-2023')).toBe(true);
    expect(isDepartmentReportId('230100-2023')).toBe(false);
  });
  it('rejects what is not a report id', () => {
    expect(parseReportId('230100')).toBeNull();
    expect(parseReportId('23010-2020')).toBeNull();
  });
});

describe('the declared department kinds', () => {
  it('have unique slugs and no name shared by two kinds', () => {
    expect(new Set(AGENCIES.map((a) => a.slug)).size).toBe(AGENCIES.length);
    const owners = new Map<string, string>();
    for (const a of AGENCIES) {
      for (const name of listAgencyNames(a)) {
        expect(owners.get(name) ?? a.slug, `${name} names ${owners.get(name)} and ${a.slug}`).toBe(a.slug);
        owners.set(name, a.slug);
      }
    }
  });
  it('match a title rest by the longest name', () => {
    expect(matchAgencyName('财政厅2021年政府信息公开工作年度报告')?.agency.slug).toBe('caizheng');
    expect(matchAgencyName('人民政府办公室2021年政府信息公开工作年度报告')).toMatchObject({ name: '人民政府办公室', agency: { slug: 'zhengfuban' } });
    expect(matchAgencyName('卫健委2021年')?.agency.slug).toBe('weijian');
    expect(matchAgencyName('2021年政府信息公开工作年度报告')).toBeNull();
    expect(matchAgencyName('气象局2021年')).toBeNull();
  });
});

describe('describePublisher', () => {
  it('names a government by its jurisdiction', () => {
    expect(describePublisher('230881-2020', TONGJIANG, '同江市人民政府')).toMatchObject({ key: '230881', agency: null, name: '同江市人民政府', shortName: '同江市' });
  });
  it('names a department by its level', () => {
    expect(describePublisher('230100-jiaoyu-2021', HARBIN, 'x')).toMatchObject({ key: '230100-jiaoyu', name: '哈尔滨市教育局', shortName: '哈尔滨教育', agency: findAgency('jiaoyu') });
    expect(describePublisher('230000-jiaoyu-2021', PROVINCE, 'x')).toMatchObject({ name: '黑龙江省教育厅', shortName: '黑龙江教育' });
  });
  it('keeps the printed publisher for an undeclared department', () => {
    expect(describePublisher('230100-qixiang-2021', HARBIN, '哈尔滨市气象局')).toMatchObject({ key: '230100-qixiang', agency: null, agencySlug: 'qixiang', name: '哈尔滨市气象局' });
  });
});

describe('matchAgencyQuery', () => {
  it('finds a department kind by its name, with or without a level word before it, and by its short name', () => {
    expect(['教育局', '市教育局', '县教育局', '教育局的报告', '教育厅', '教育', '教育体育局'].map((q) => matchAgencyQuery(q)?.slug)).toEqual(Array(7).fill('jiaoyu'));
    expect(matchAgencyQuery('市场监管局')?.slug).toBe('shichang');
    expect(matchAgencyQuery('人社')?.slug).toBe('renshe');
    expect(matchAgencyQuery('卫健委')?.slug).toBe('weijian');
  });
  it('finds nothing in words that are not a department’s name', () => {
    expect(['', '2020', '人民政府', '报告', '教', '市'].map((q) => matchAgencyQuery(q))).toEqual(Array(6).fill(null));
  });
});
