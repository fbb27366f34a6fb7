/**
 * The kinds of government department that publish their own annual reports, declared once: the slug
 * that stands in report ids (`<code>-<slug>-<year>`), the Chinese names a province and a city or
 * county give the department, other names seen in titles, and a short name for search and charts.
 * Ingest recognises departments from these names, views name and group departments by them, the
 * synthetic corpus draws from them; nothing else matches department names by hand.
 * Assumes a slug is permanent (it is in URLs and content ids): rename a department by adding an alias.
 */

/** A kind of department, named as a province (厅, 委员会) and as a city or county (局) names it. */
export interface Agency {
  /** Permanent lower-case pinyin code used in report ids and URLs. */
  readonly slug: string;
  /** The name under a prefecture or county government (教育局). */
  readonly local: string;
  /** The name under the provincial government (教育厅). */
  readonly provincial: string;
  /** A short name for search and narrow labels (教育). */
  readonly short: string;
  /** Other names of the same department seen in titles (former names, abbreviations), at any level. */
  readonly aliases: readonly string[];
}

/** Declares an agency whose provincial name differs from its local one only where given. */
function agency(slug: string, local: string, short: string, provincial: string = local, aliases: readonly string[] = []): Agency {
  return { slug, local, provincial, short, aliases };
}

/**
 * The departments, most commonly reporting first (the synthetic corpus draws from them in this order,
 * so new kinds go at the end).
 */
export const AGENCIES: readonly Agency[] = [
  agency('zhengfuban', '人民政府办公室', '政府办', '人民政府办公厅', ['政府办公室', '政府办公厅', '人民政府办']),
  agency('jiaoyu', '教育局', '教育', '教育厅', ['教育体育局', '教育和体育局']),
  agency('gongan', '公安局', '公安', '公安厅'),
  agency('minzheng', '民政局', '民政', '民政厅'),
  agency('sifa', '司法局', '司法', '司法厅'),
  agency('caizheng', '财政局', '财政', '财政厅'),
  agency('renshe', '人力资源和社会保障局', '人社', '人力资源和社会保障厅', ['人社局', '人社厅']),
  agency('ziranziyuan', '自然资源局', '自然资源', '自然资源厅', ['自然资源和规划局']),
  agency('shengtai', '生态环境局', '生态环境', '生态环境厅'),
  agency('zhujian', '住房和城乡建设局', '住建', '住房和城乡建设厅', ['住建局', '住建厅']),
  agency('jiaotong', '交通运输局', '交通运输', '交通运输厅'),
  agency('shuili', '水利局', '水利', '水利厅', ['水务局']),
  agency('nongye', '农业农村局', '农业农村', '农业农村厅'),
  agency('shangwu', '商务局', '商务', '商务厅'),
  agency('wenlv', '文化广电和旅游局', '文旅', '文化和旅游厅', ['文化广电旅游局', '文体广电和旅游局', '文旅局']),
  agency('weijian', '卫生健康局', '卫健', '卫生健康委员会', ['卫生健康委', '卫健委', '卫健局']),
  agency('tuiyi', '退役军人事务局', '退役军人', '退役军人事务厅'),
  agency('yingji', '应急管理局', '应急', '应急管理厅'),
  agency('shenji', '审计局', '审计', '审计厅'),
  agency('shichang', '市场监督管理局', '市场监管', '市场监督管理局', ['市场监管局']),
  agency('tongji', '统计局', '统计'),
  agency('yibao', '医疗保障局', '医保', '医疗保障局', ['医保局']),
  agency('linye', '林业和草原局', '林草', '林业和草原局', ['林草局']),
  agency('fagai', '发展和改革局', '发改', '发展和改革委员会', ['发展改革委', '发改委', '发展和改革委员会', '发改局']),
  agency('gongxin', '工业和信息化局', '工信', '工业和信息化厅', ['工信局', '工信厅', '工业和信息化委员会']),
  agency('keji', '科学技术局', '科技', '科学技术厅', ['科技局', '科技厅']),
  agency('minzong', '民族宗教事务局', '民宗', '民族宗教事务委员会', ['民宗局', '民宗委']),
  agency('tiyu', '体育局', '体育'),
  agency('guozi', '国有资产监督管理委员会', '国资', '国有资产监督管理委员会', ['国资委']),
  agency('xinfang', '信访局', '信访'),
  agency('yingshang', '营商环境建设监督局', '营商环境', '营商环境建设监督局', ['营商局']),
  agency('renfang', '人民防空办公室', '人防', '人民防空办公室', ['人防办']),
  agency('liangshi', '粮食局', '粮食', '粮食局', ['粮食和物资储备局']),
  agency('jiguan', '机关事务管理局', '机关事务', '机关事务管理局', ['机关事务局']),
];

const ORDER = new Map(AGENCIES.map((a, i) => [a.slug, i]));

/** Orders department slugs as declared (most commonly reporting first); a slug not declared after them, alphabetically. */
export function compareAgencySlugs(a: string, b: string): number {
  return (ORDER.get(a) ?? AGENCIES.length) - (ORDER.get(b) ?? AGENCIES.length) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Finds a department kind by its slug; undefined for an unknown one. */
export function findAgency(slug: string): Agency | undefined {
  return AGENCIES.find((a) => a.slug === slug);
}

/** The department's name under a government of the given level: 教育厅 under the province, 教育局 elsewhere. */
export function nameAgency(agency: Agency, level: 'province' | 'prefecture' | 'county'): string {
  return level === 'province' ? agency.provincial : agency.local;
}

/** Every name a department kind is known by, longest first (so 人民政府办公室 wins over 政府办公室). */
export function listAgencyNames(agency: Agency): string[] {
  return [...new Set([agency.local, agency.provincial, ...agency.aliases])].sort((a, b) => b.length - a.length);
}

/**
 * Finds the department kind a name (the rest of a title after the place name) starts with, by the
 * longest declared name that matches; null when none does. Never guesses from partial words.
 */
export function matchAgencyName(text: string): { agency: Agency; name: string } | null {
  let best: { agency: Agency; name: string } | null = null;
  for (const a of AGENCIES) {
    for (const name of listAgencyNames(a)) {
      if (text.startsWith(name) && (!best || name.length > best.name.length)) best = { agency: a, name };
    }
  }
  return best;
}

/** Place-level words a query may put before a department's name: 市教育局, 县公安局, 本级财政局. */
const LEVEL_PREFIX = /^(?:本级|省|市|县|区|旗)/;

/**
 * Finds the department kind a search query names, the place's name already taken out: a declared
 * name or alias at its start (教育局, 市教育局, 卫健委的报告), or the short name alone (教育, 人社);
 * null when it names none. Matches whole declared names only, never single characters.
 */
export function matchAgencyQuery(text: string): Agency | null {
  const rest = text.replace(/\s+/g, '');
  for (const candidate of [rest, rest.replace(LEVEL_PREFIX, '')]) {
    const named = matchAgencyName(candidate);
    if (named) return named.agency;
    const short = AGENCIES.find((a) => candidate === a.short);
    if (short) return short;
  }
  return null;
}
