/** The view model of a report page: everything formatted, nothing left to compute in markup. */
import { TABLE_IDS } from '../form/forms.ts';
import type { FormSpec } from '../form/types.ts';
import { LEVEL_LABELS, listAncestors, type JurisdictionIndex } from '../jurisdictions/jurisdictions.ts';
import { REPORT_SCOPES } from '../reports/front-matter.ts';
import { NARRATIVE_SECTIONS } from '../reports/narrative.ts';
import { seriesOf } from '../reports/report-id.ts';
import { listSeriesReports } from '../reports/report-groups.ts';
import type { CheckedReport } from '../reports/types.ts';
import { renderMarkdown } from './markdown.ts';
import { buildQualityView, type QualityView } from './quality-view.ts';
import { buildTableView, type TableView } from './table-view.ts';
import { buildReportSourceView, type ReportSourceView } from './source-view.ts';
import { jurisdictionPath, METHODOLOGY_PATH, reportPath } from '../site/paths.ts';

/** A link with its text. */
export interface Link {
  readonly href: string;
  readonly text: string;
}

/** A narrative section rendered to safe HTML. */
export interface NarrativeSectionView {
  readonly heading: string;
  readonly html: string;
}

/** Everything the report page shows. */
export interface ReportView {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly year: number;
  readonly formLabel: string;
  readonly scopeLabel: string;
  readonly publisher: string;
  readonly levelLabel: string;
  /** The jurisdiction and its ancestors, outermost first (黑龙江省 → 佳木斯市 → 同江市). */
  readonly breadcrumbs: readonly Link[];
  readonly jurisdiction: Link;
  /** Where the report was published and the kept source text its cells link to. */
  readonly source: ReportSourceView;
  readonly preambleHtml: string;
  /** 一 总体情况, 五 问题及改进, 六 其他事项, in printed order. */
  readonly narrative: readonly NarrativeSectionView[];
  readonly tables: readonly TableView[];
  readonly quality: QualityView;
  /** Other years of the same series. */
  readonly siblings: readonly Link[];
}

/** Labels a report's form version for readers. */
function formatFormLabel(form: FormSpec): string {
  return `${form.id}（${form.notice}格式，适用于 ${form.years.from}${form.years.to ? `–${form.years.to}` : ' 年起'}${form.years.to ? ' 年度' : ''}）`;
}

/** Builds the view of one report page. */
export function buildReportView(report: CheckedReport, all: readonly CheckedReport[], jurisdictions: JurisdictionIndex): ReportView {
  const { meta } = report;
  const { form } = report;
  const j = jurisdictions.byCode.get(meta.jurisdiction);
  if (!j) throw new Error(`unknown jurisdiction ${meta.jurisdiction}`);
  const chain = [...listAncestors(jurisdictions, j.code)].reverse();
  const quality = buildQualityView(report, METHODOLOGY_PATH);
  const section = (key: (typeof NARRATIVE_SECTIONS)[number]['key']): NarrativeSectionView => {
    const s = NARRATIVE_SECTIONS.find((x) => x.key === key);
    const text = report.narrative[key];
    return { heading: s?.heading ?? key, html: text ? renderMarkdown(text) : '<p class="muted">报告未填写此部分。</p>' };
  };
  return {
    id: meta.id,
    title: meta.title,
    description: `${j.name}${meta.year}年政府信息公开工作年度报告的数据：主动公开、依申请公开的收到和办理情况、行政复议和行政诉讼情况，以及数据一致性检查。`,
    year: meta.year,
    formLabel: formatFormLabel(form),
    scopeLabel: REPORT_SCOPES[meta.scope],
    publisher: meta.publisher,
    levelLabel: LEVEL_LABELS[j.level],
    breadcrumbs: [...chain, j].map((x) => ({ href: jurisdictionPath(x.code), text: x.name })),
    jurisdiction: { href: jurisdictionPath(j.code), text: j.name },
    preambleHtml: report.narrative.preamble ? renderMarkdown(report.narrative.preamble) : '',
    narrative: NARRATIVE_SECTIONS.map((s) => section(s.key)),
    tables: TABLE_IDS.map((t) => buildTableView(form, t, report.tables[t], quality.flaggedCells, report.sourceLines)),
    source: buildReportSourceView(report),
    quality,
    siblings: listSeriesReports(all, seriesOf(meta.id))
      .filter((r) => r.meta.id !== meta.id)
      .map((r) => ({ href: reportPath(r.meta.id), text: `${r.meta.year} 年` })),
  };
}
