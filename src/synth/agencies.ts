/**
 * Government departments that publish their own annual reports, for the synthetic corpus only.
 * Each slug appears in report ids (`<code>-<slug>-<year>`), so slugs are lower-case pinyin.
 */

/** A kind of department, named as a province (厅, 委员会) and as a city or county (局) names it. */
export interface Agency {
  readonly slug: string;
  /** The name under a prefecture or county government (教育局). */
  readonly local: string;
  /** The name under the provincial government (教育厅). */
  readonly provincial: string;
}

/** Declares an agency whose provincial name differs from its local one only where given. */
function agency(slug: string, local: string, provincial: string = local): Agency {
  return { slug, local, provincial };
}

/** The departments, most commonly reporting first; a series of department reports draws from these. */
export const AGENCIES: readonly Agency[] = [
  agency('zhengfuban', '人民政府办公室'),
  agency('jiaoyu', '教育局', '教育厅'),
  agency('gongan', '公安局', '公安厅'),
  agency('minzheng', '民政局', '民政厅'),
  agency('sifa', '司法局', '司法厅'),
  agency('caizheng', '财政局', '财政厅'),
  agency('renshe', '人力资源和社会保障局', '人力资源和社会保障厅'),
  agency('ziranziyuan', '自然资源局', '自然资源厅'),
  agency('shengtai', '生态环境局', '生态环境厅'),
  agency('zhujian', '住房和城乡建设局', '住房和城乡建设厅'),
  agency('jiaotong', '交通运输局', '交通运输厅'),
  agency('shuili', '水利局', '水利厅'),
  agency('nongye', '农业农村局', '农业农村厅'),
  agency('shangwu', '商务局', '商务厅'),
  agency('wenlv', '文化广电和旅游局', '文化和旅游厅'),
  agency('weijian', '卫生健康局', '卫生健康委员会'),
  agency('tuiyi', '退役军人事务局', '退役军人事务厅'),
  agency('yingji', '应急管理局', '应急管理厅'),
  agency('shenji', '审计局', '审计厅'),
  agency('shichang', '市场监督管理局'),
  agency('tongji', '统计局'),
  agency('yibao', '医疗保障局'),
  agency('linye', '林业和草原局'),
  agency('fagai', '发展和改革局', '发展和改革委员会'),
  agency('gongxin', '工业和信息化局', '工业和信息化厅'),
  agency('keji', '科学技术局', '科学技术厅'),
  agency('minzong', '民族宗教事务局', '民族宗教事务委员会'),
  agency('tiyu', '体育局'),
  agency('guozi', '国有资产监督管理委员会'),
  agency('xinfang', '信访局'),
  agency('yingshang', '营商环境建设监督局'),
  agency('renfang', '人民防空办公室'),
  agency('liangshi', '粮食局'),
  agency('jiguan', '机关事务管理局'),
];
