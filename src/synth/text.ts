/**
 * The words of a synthetic report: front matter, narrative and the raw "source" text. Every piece
 * says it is synthetic (title prefix, publisher, source note, preamble), so no page built from it can
 * be mistaken for a government's report.
 */
import { TABLE_IDS } from '../form/forms.ts';
import { formatColumnLabel, formatRowLabel, rowHasColumn } from '../form/cells.ts';
import type { FormSpec } from '../form/types.ts';
import { nameAgency } from '../publishers/agencies.ts';
import { NARRATIVE_SECTIONS } from '../reports/narrative.ts';
import type { Narrative, ParsedReport, ReportMeta } from '../reports/types.ts';
import { drawItem, type Rng } from './prng.ts';
import type { SynthSeries } from './plan.ts';

/** The prefix of every synthetic report's title. */
export const SYNTH_TITLE_PREFIX = '【合成数据】';

/** The publisher every synthetic report names. */
export const SYNTH_PUBLISHER = '合成数据（非真实报告）';

/** The name of the body that "publishes" a series: 同江市, or 同江市教育局 / 黑龙江省教育厅. */
export function formatSynthBody(series: SynthSeries): string {
  const j = series.jurisdiction;
  if (!series.agency) return j.name;
  return `${j.name}${nameAgency(series.agency, j.level)}`;
}

/** Builds the front matter of one synthetic report. */
export function buildSynthMeta(series: SynthSeries, year: number, form: FormSpec, seed: number, governmentScope: ReportMeta['scope']): ReportMeta {
  return {
    id: `${series.series}-${year}`,
    jurisdiction: series.jurisdiction.code,
    year,
    form: form.id,
    scope: series.agency ? 'self' : governmentScope,
    title: `${SYNTH_TITLE_PREFIX}${formatSynthBody(series)}${year}年政府信息公开工作年度报告`,
    publisher: SYNTH_PUBLISHER,
    source: { file: 'source.txt', url: null, note: `合成数据：由 scripts/synth.ts 以种子 ${seed} 生成，不是任何机关发布的报告，数字不代表真实情况。` },
  };
}

const OVERVIEW = [
  '本年度，{body}坚持以公开为常态、不公开为例外，围绕重点领域信息公开、政策解读和回应关切开展工作。',
  '{body}进一步健全政府信息公开工作机制，明确专人负责，完善发布审核流程，确保信息公开及时、准确、规范。',
  '全年通过政府网站、政务新媒体等渠道主动公开各类政府信息，持续优化政府信息公开专栏，便于公众查阅。',
  '依申请公开工作严格按照法定时限办理，全年新收政府信息公开申请 {received} 件，予以公开 {granted} 件。',
  '加强政府信息管理，对现行有效的规范性文件进行集中清理，并在网站集中公开。',
  '推进政务公开平台规范化建设，完善政府信息公开指南和目录，及时更新机构职能等基础信息。',
];
const PROBLEMS = [
  '一是政策解读形式还不够丰富；二是部分领域信息公开的及时性有待提高。下一步将加强培训，提升工作人员业务能力。',
  '主动公开的深度和广度仍需拓展，依申请公开答复的规范性有待加强。今后将完善工作制度，强化监督考核。',
  '基层政务公开标准化规范化水平还不平衡。将对照标准目录持续推进，确保公开内容全面、准确。',
];
const OTHER = ['本年度未收取信息处理费。', '无其他需要报告的事项。', '本年度未发生因政府信息公开引起的重大事项。'];

/** Fills `{name}` placeholders. */
function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
}

/** Writes the narrative of a synthetic report from templates, with a few of its own numbers. */
export function buildSynthNarrative(rng: Rng, series: SynthSeries, year: number, figures: { received: number; granted: number }): Narrative {
  const values = { body: formatSynthBody(series), year, ...figures };
  const paragraphs = (pool: readonly string[], n: number): string =>
    Array.from({ length: n }, () => fill(drawItem(rng, pool), values)).join('\n\n');
  return {
    preamble: `> 本报告为合成数据（非真实报告），由程序生成，仅用于测试和性能基准；数字不代表${values.body}的真实情况。\n\n本报告按照《中华人民共和国政府信息公开条例》要求编制，统计期限为${year}年1月1日至12月31日。`,
    overview: paragraphs(OVERVIEW, 3),
    problems: paragraphs(PROBLEMS, 1),
    other: paragraphs(OTHER, 1),
  };
}

/** Prints one table as tab-separated lines: a header of column labels, then one line per row. */
function formatSourceTable(form: FormSpec, report: Omit<ParsedReport, 'dir'>, tableId: (typeof TABLE_IDS)[number]): string {
  const spec = form.tables[tableId];
  const lines = [`${spec.section}、${spec.title}`, ['项目', ...spec.columns.map(formatColumnLabel)].join('\t')];
  for (const row of spec.rows) {
    lines.push([formatRowLabel(row), ...spec.columns.map((c) => (rowHasColumn(row, c.code) ? (report.tables[tableId][row.code]?.[c.code]?.raw ?? '') : ''))].join('\t'));
  }
  return lines.join('\n');
}

/** Writes the raw "published" text of a synthetic report: title, notice, sections and the three tables. */
export function buildSynthSource(form: FormSpec, report: Omit<ParsedReport, 'dir'>): string {
  const n = report.narrative;
  const section = (key: 'overview' | 'problems' | 'other'): string => {
    const s = NARRATIVE_SECTIONS.find((x) => x.key === key);
    return `${s?.heading ?? key}\n${n[key]}`;
  };
  return [
    report.meta.title,
    report.meta.source.note ?? SYNTH_PUBLISHER,
    n.preamble.replace(/^> /, ''),
    section('overview'),
    ...TABLE_IDS.map((t) => formatSourceTable(form, report, t)),
    section('problems'),
    section('other'),
  ].join('\n\n') + '\n';
}
