/**
 * The view model of the data page (/data/): the site-wide downloads with their sizes and
 * descriptions, one link per year to the per-report files (data-year-view.ts), the columns of each
 * file (from the same declarations as datapackage.json), the stable URL patterns, the licence, the
 * dataset citation, and the schema.org Dataset JSON-LD. Its size does not grow with the number of
 * reports: it names years, never reports.
 */
import { TABLE_IDS } from '../form/forms.ts';
import type { LoadedContent } from '../loaders/load-content.ts';
import { ACCESS_DATE_PLACEHOLDER, COMPILER, formatDatasetCitation, formatYearSpan, type Citation } from '../downloads/citation.ts';
import { DATA_LICENSE, DATASET_DESCRIPTION, DATASET_TITLE } from '../downloads/datapackage.ts';
import { buildYearCellsLink, listDataYears, type DataYearLink } from './data-year-view.ts';
import { EXCEL_MAX_ROWS } from '../downloads/excel-limit.ts';
import { SITE_RESOURCES } from '../downloads/fields.ts';
import { buildDownloadLink, formatByteSize, type DownloadLink } from './report-downloads-view.ts';
import type { SiteDownloads } from '../downloads/site-downloads.ts';
import {
  compareEmbedPath,
  DATA_PATH,
  DATAPACKAGE_PATH,
  departmentCompareEmbedPath,
  EMBED_SCRIPT_PATH,
  embedPath,
  formatAbsoluteUrl,
  jurisdictionEmbedPath,
  listEmbedFiles,
  publisherEmbedPath,
  reportCellsCsvPath,
  reportTableCsvPath,
  siteCsvPath,
  yearCellsCsvPath,
} from '../site/paths.ts';

/** One documented column of a file. */
export interface FieldDoc {
  readonly name: string;
  readonly title: string;
  readonly type: string;
  readonly description: string;
}

/** A site-wide file with its documentation. */
export interface SiteFileView extends DownloadLink {
  readonly anchor: string;
  readonly title: string;
  readonly description: string;
  readonly fields: readonly FieldDoc[];
}

/** One year on /data/: its page, and its cells file with the number of lines below the header. */
export interface DataYearFilesLink extends DataYearLink {
  readonly cells: DownloadLink;
  readonly rows: number;
  /** Set when the file has more lines than one Excel worksheet holds (see describeExcelOverflow). */
  readonly excelWarning: string | null;
}

/** A documented URL pattern. */
export interface UrlPattern {
  readonly pattern: string;
  readonly description: string;
}

/** Everything the data page shows. */
export interface DataPageView {
  readonly title: string;
  readonly description: string;
  readonly siteFiles: readonly SiteFileView[];
  readonly datapackage: DownloadLink;
  /** The years on file, newest first: each links the page of that year's per-report files, and its cells file. */
  readonly years: readonly DataYearFilesLink[];
  readonly reportCount: number;
  /** The most rows one Excel worksheet holds, which the site-wide cells.csv outgrows and each year's file is there for. */
  readonly excelMaxRows: number;
  readonly urlPatterns: readonly UrlPattern[];
  readonly formatNotes: readonly string[];
  readonly pythonExample: string;
  readonly licence: readonly string[];
  readonly licenseHref: string;
  readonly datasetCitation: Citation;
  readonly accessDatePlaceholder: string;
  /** The JSON-LD text, safe to place inside a <script> element. */
  readonly jsonLd: string;
}

const TYPE_LABELS: Readonly<Record<string, string>> = { string: '文本', integer: '整数', number: '数字' };

/** Serialises JSON for a <script type="application/ld+json"> element (no `<` can close it). */
export function formatJsonLd(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/</g, '\\u003c');
}

/** Builds the data page. */
export function buildDataPageView(content: LoadedContent, downloads: SiteDownloads, site: string): DataPageView {
  const metas = content.reports.map((r) => r.meta);
  const absolute = (path: string): string => formatAbsoluteUrl(path, site);
  const province = content.jurisdictions.all.find((j) => j.level === 'province');
  const siteFiles = SITE_RESOURCES.map((resource): SiteFileView => {
    const file = downloads.site.find((f) => f.path === siteCsvPath(resource.name));
    if (!file) throw new Error(`no site file ${resource.name}`);
    return {
      ...buildDownloadLink(file, `${resource.name}.csv`, resource.title, `gongkai-${resource.name}.csv`),
      anchor: `file-${resource.name}`,
      title: resource.title,
      description: resource.description,
      fields: resource.fields.map((f) => ({ name: f.name, title: f.title, type: TYPE_LABELS[f.type] ?? f.type, description: f.description })),
    };
  });
  const datapackage = buildDownloadLink(downloads.datapackage, 'datapackage.json', 'Frictionless Data Package 描述文件：各文件的栏目、类型、缺失值标记、主键、许可和来源', 'datapackage.json');
  const years = listDataYears(content.reports).map((y): DataYearFilesLink => {
    const { link, rows, excelWarning } = buildYearCellsLink(downloads, y.year);
    return { ...y, cells: link, rows, excelWarning };
  });
  const datasetCitation = formatDatasetCitation(metas, absolute(DATA_PATH), DATASET_TITLE);
  const span = formatYearSpan(metas);
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'Dataset',
    name: DATASET_TITLE,
    description: DATASET_DESCRIPTION,
    url: absolute(DATA_PATH),
    inLanguage: 'zh-CN',
    keywords: ['政府信息公开', '政府信息公开工作年度报告', '黑龙江省', '依申请公开', '行政复议', '行政诉讼'],
    license: DATA_LICENSE.path,
    isAccessibleForFree: true,
    creator: { '@type': 'Organization', name: COMPILER, url: absolute('/') },
    ...(span ? { temporalCoverage: span.replace('—', '/') } : {}),
    spatialCoverage: { '@type': 'Place', name: province?.name ?? '黑龙江省', address: { '@type': 'PostalAddress', addressRegion: province?.name ?? '黑龙江省', addressCountry: 'CN' } },
    // One entry per year, not per report: the page stays the same size at any number of reports; each year's page cites its reports.
    isBasedOn: years.map((y) => ({ '@type': 'Collection', name: `${y.year}年政府信息公开工作年度报告（${y.reports} 份）`, url: absolute(y.href), temporalCoverage: String(y.year) })),
    variableMeasured: SITE_RESOURCES[0]?.fields.map((f) => ({ '@type': 'PropertyValue', name: f.name, description: `${f.title}：${f.description}` })) ?? [],
    distribution: [...downloads.site, downloads.datapackage].map((f) => ({
      '@type': 'DataDownload',
      name: f.path.split('/').pop(),
      contentUrl: absolute(f.path),
      encodingFormat: f.mediaType,
      contentSize: formatByteSize(f.bytes),
    })),
  };
  return {
    title: '数据下载',
    description: `${DATASET_TITLE}：全部报告的数字，CSV 与 Frictionless Data Package 格式，附栏目说明、许可和引用格式。`,
    siteFiles,
    datapackage,
    years,
    reportCount: content.reports.length,
    excelMaxRows: EXCEL_MAX_ROWS,
    urlPatterns: [
      ...SITE_RESOURCES.map((r) => ({ pattern: siteCsvPath(r.name), description: r.title })),
      { pattern: DATAPACKAGE_PATH, description: 'Data Package 描述文件' },
      ...TABLE_IDS.map((t) => ({ pattern: reportTableCsvPath('<报告编号>', t), description: `一份报告的 ${t} 表，中文栏目` })),
      { pattern: reportCellsCsvPath('<报告编号>'), description: '一份报告的全部单元格（长表）' },
      { pattern: yearCellsCsvPath('<年度>'), description: '一个年度全部报告的全部单元格（长表，栏目、编码和行序与 cells.csv 相同）' },
      { pattern: `${DATA_PATH}<年度>/`, description: '一个年度每份报告的文件、大小和引用格式（报告多时分页：<年度>/2/、<年度>/3/……）' },
      ...listEmbedUrlPatterns(),
    ],
    formatNotes: [
      '编码为 UTF-8，文件开头带字节顺序标记（BOM），中文版 Windows 的 Excel 双击即可正确显示中文。',
      '逗号分隔，换行为 LF（\\n）；含逗号、双引号或换行的字段加双引号，字段内的双引号写两次（RFC 4180）。',
      '空字段表示没有数值（缺失值标记为空字符串），不是 0。报告留空、印“0”、印“/”或“—”是不同的情况：数值列只收可读的数字，原文列和标注列说明其余情况。',
      '数字照报告原样，不作修正；报告自身算术对不上的单元格在 flags（供程序使用的文件）或“说明”（按表格排列的文件）中标出规则编号。',
      '供程序使用的文件中数字不含千位分隔符和正号，负号为 -，小数点为 .；金额的单位单列。',
      '按表格排列的文件中，报告留空的单元格写作“（空白）”；以 =、+、-、@ 开头又不是数字的原文前加 \' ，以免被电子表格当作公式。',
      '同一地区不同层级的报告不能相加：省级报告已包含各市（地），见 reports.csv 的 scope 列。',
    ],
    pythonExample: `import pandas as pd\ncells = pd.read_csv("${absolute(siteCsvPath('cells'))}", encoding="utf-8-sig", dtype={"jurisdiction_code": str}, keep_default_na=False, na_values=[""])`,
    licence: [
      '原报告由各级人民政府依照《中华人民共和国政府信息公开条例》向社会公开，其内容由各发布机关负责；本站只转录其中的数字和文字，不主张对原报告的任何权利。数字与原报告不一致时，以原报告为准。',
      `本站的整理成果（数据结构、栏目说明、一致性检查结果和标注）以${DATA_LICENSE.title}许可提供：可以自由复制、分发和改编，包括商业用途，但须注明来源，即原发布机关和“${COMPILER}”。`,
    ],
    licenseHref: DATA_LICENSE.path,
    datasetCitation,
    accessDatePlaceholder: ACCESS_DATE_PLACEHOLDER,
    jsonLd: formatJsonLd(jsonLd),
  };
}

/** One documented URL pattern of the embeds. */
export interface EmbedUrlPattern {
  readonly pattern: string;
  readonly description: string;
}

/** The embed URL patterns with Chinese descriptions, for the data page: each kind of chart page, then the files beside every embed page. */
export function listEmbedUrlPatterns(): EmbedUrlPattern[] {
  const pages = [
    { href: embedPath('<报告编号>', '<图表>'), description: '报告页的一张图表，可用 iframe 嵌入其他网页（图表：flow、applicants、appeals、active）' },
    { href: jurisdictionEmbedPath('<地区代码>', '<图表>'), description: '地区页的一张图表（图表：trend-<指标>，只有一份报告时还有 prior-year）' },
    { href: publisherEmbedPath('<部门代码>', '<图表>'), description: '部门页的一张图表（部门代码如 230100-jiaoyu；图表：trend-<指标>，只有一份报告时为 prior-year；无 PNG）' },
    { href: compareEmbedPath('<年度>', '<指标>', '<图表>'), description: '比较页的一张图表（图表：ranking-province、ranking-prefecture、ranking-county）' },
    { href: departmentCompareEmbedPath('<年度>', '<指标>', '<部门类别>', '<图表>'), description: '部门比较页的一张图表（部门类别如 jiaoyu；图表：ranking-prefecture、ranking-county；无 PNG）' },
  ];
  const files = listEmbedFiles('…/');
  return [
    ...pages.map((p) => ({ pattern: p.href, description: p.description })),
    { pattern: files.oembed, description: '上述每张图表的 oEmbed（rich）描述，html 即嵌入代码' },
    { pattern: files.csv, description: '上述每张图表所画的数字（CSV）' },
    { pattern: files.svg, description: '上述每张图表的独立图片（SVG），含标题和来源，文字已转为轮廓；图表下的「下载 PNG」在浏览器里把它画成 2 倍大小的 PNG' },
    { pattern: EMBED_SCRIPT_PATH, description: '嵌入网页引用的脚本，让 iframe 的高度随图表变化' },
  ];
}
