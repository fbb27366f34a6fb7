/**
 * The Frictionless Data Package descriptor of the site-wide files (`/data/datapackage.json`),
 * profile `tabular-data-package` (Data Package 1.0, which Data Package 2.0 tools also read).
 * Schemas come from fields.ts, file sizes and hashes from the generated texts: nothing is restated.
 * Its size does not grow with the reports: the reports' publishers and original addresses are in
 * reports.csv (publisher, source_url), to which one contributor and one source entry point.
 * The per-year cells files (`/data/<year>/cells.csv`) are the cells resource cut by year, so they
 * are not resources of their own (a tool reading every resource would read each cell twice): the
 * cells resource lists them in a `byYear` property, one entry per year with its path, size and hash.
 */
import type { ReportMeta } from '../reports/types.ts';
import { CSV_NEWLINE } from './csv-text.ts';
import { MISSING_VALUES, SITE_RESOURCES, type FieldSpec, type ResourceSpec } from './fields.ts';
import { COMPILER } from './citation.ts';
import { DATA_PATH, formatAbsoluteUrl, siteCsvPath } from '../site/paths.ts';

/** The licence of the site's compilation. */
export const DATA_LICENSE = { name: 'CC-BY-4.0', path: 'https://creativecommons.org/licenses/by/4.0/', title: '知识共享 署名 4.0 国际（CC BY 4.0）' } as const;

/** The package's permanent name. */
export const PACKAGE_NAME = 'gongkai-heilongjiang-gov-info-disclosure-reports';

/** The dataset's Chinese title. */
export const DATASET_TITLE = '黑龙江省政府信息公开工作年度报告数据';

/** The dataset's description, for datapackage.json, the data page and its JSON-LD. */
export const DATASET_DESCRIPTION =
  '黑龙江省各级人民政府发布的政府信息公开工作年度报告中三张表格（主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况）的全部数字，按报告原样转录，经表式自身的算术规则核对：对不上的数字照印发布，并逐格标注。';

/** The descriptor's one author entry: the reports' publishers, each named in reports.csv. */
export const PUBLISHERS_TITLE = '发布各报告的黑龙江省各级人民政府及其部门（每份报告的发布机关见 reports.csv 的 publisher 栏）';

/** The title of the descriptor's one source entry, over every report's original. */
export function formatSourcesTitle(reports: number): string {
  return `${reports} 份年度报告的原文，由各发布机关公开（每份报告的原文地址见 reports.csv 的 source_url 栏）`;
}

/** What the descriptor needs to know about one generated file. */
export interface FileStats {
  readonly bytes: number;
  /** SHA-256 of the file's bytes, hex. */
  readonly sha256: string;
}

/** One year's part of the cells resource, as a file of its own. */
export interface YearCellsStats {
  readonly year: number;
  /** Its URL path, under DATA_PATH like the descriptor. */
  readonly path: string;
  readonly stats: FileStats;
}

/** Writes the `byYear` entries of the cells resource: each year's file, by its path relative to the descriptor. */
function buildYearParts(yearCells: readonly YearCellsStats[]): Record<string, unknown>[] {
  return yearCells.map((y) => {
    if (!y.path.startsWith(DATA_PATH)) throw new Error(`buildDataPackage: ${y.path} is not under ${DATA_PATH}`);
    return { year: y.year, path: y.path.slice(DATA_PATH.length), title: `${y.year} 年报告的全部单元格，栏目、顺序同 cells.csv`, bytes: y.stats.bytes, hash: `sha256:${y.stats.sha256}` };
  });
}

/** Writes the Table Schema of a field list. */
function buildSchema(resource: ResourceSpec): Record<string, unknown> {
  const field = (f: FieldSpec): Record<string, unknown> => ({
    name: f.name,
    title: f.title,
    description: f.description,
    type: f.type,
    ...(f.format ? { format: f.format } : {}),
    ...(f.constraints ? { constraints: { ...f.constraints, ...(f.constraints.enum ? { enum: [...f.constraints.enum] } : {}) } } : {}),
  });
  return {
    fields: resource.fields.map(field),
    missingValues: [...MISSING_VALUES],
    primaryKey: [...resource.primaryKey],
    ...(resource.refersToReports ? { foreignKeys: [{ fields: 'report_id', reference: { resource: 'reports', fields: 'report_id' } }] } : {}),
  };
}

/** Builds the descriptor; `stats` gives each resource's file size and hash, `site` the site's address, `yearCells` the per-year cells files. */
export function buildDataPackage(reports: readonly ReportMeta[], stats: ReadonlyMap<string, FileStats>, site: string, homepage: string, yearCells: readonly YearCellsStats[] = []): Record<string, unknown> {
  const reportsCsv = formatAbsoluteUrl(siteCsvPath('reports'), site);
  return {
    profile: 'tabular-data-package',
    name: PACKAGE_NAME,
    title: DATASET_TITLE,
    description: DATASET_DESCRIPTION,
    homepage: formatAbsoluteUrl(homepage, site),
    keywords: ['政府信息公开', '年度报告', '黑龙江', 'open government', 'FOI', 'China'],
    licenses: [{ ...DATA_LICENSE }],
    contributors: [
      { title: COMPILER, role: 'publisher', path: formatAbsoluteUrl('/', site) },
      { title: PUBLISHERS_TITLE, role: 'author', path: reportsCsv },
    ],
    sources: [{ title: formatSourcesTitle(reports.length), path: reportsCsv }],
    resources: SITE_RESOURCES.map((resource) => {
      const path = siteCsvPath(resource.name);
      const s = stats.get(path);
      if (!s) throw new Error(`buildDataPackage: no file stats for ${path}`);
      return {
        profile: 'tabular-data-resource',
        name: resource.name,
        path: path.split('/').pop(),
        title: resource.title,
        description: resource.description,
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        bytes: s.bytes,
        hash: `sha256:${s.sha256}`,
        dialect: { delimiter: ',', lineTerminator: CSV_NEWLINE, quoteChar: '"', doubleQuote: true, header: true },
        schema: buildSchema(resource),
        ...(resource.name === 'cells' && yearCells.length ? { byYear: buildYearParts(yearCells) } : {}),
      };
    }),
  };
}
