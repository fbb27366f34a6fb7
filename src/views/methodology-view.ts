/** The methodology page, generated from the same form and rule declarations the code uses. */
import { formatColumnLabel, formatRowLabel, listTableCells } from '../form/cells.ts';
import { FORMS, TABLE_IDS } from '../form/forms.ts';
import { listAllRules, type RuleId, type Severity } from '../form/rules.ts';
import type { KnownErrorEntry } from '../reports/types.ts';
import { REPORT_SCOPES } from '../reports/front-matter.ts';
import { reportPath } from './paths.ts';

/** A table of a form version, described for readers. */
export interface FormTableDoc {
  readonly caption: string;
  readonly cellCount: number;
  readonly columns: readonly { code: string; label: string; kind: string }[];
  readonly rows: readonly { code: string; label: string; columns: string }[];
}

/** A rule, described for readers, with the forms it applies to. */
export interface RuleDoc {
  readonly id: RuleId;
  readonly anchor: string;
  readonly title: string;
  readonly statement: string;
  readonly meaning: string;
  readonly severity: Severity;
  readonly severityLabel: string;
  readonly forms: string;
  readonly crossYear: boolean;
}

/** Everything the methodology page shows. */
export interface MethodologyView {
  readonly forms: readonly { id: string; notice: string; years: string; markers: string; tables: readonly FormTableDoc[] }[];
  readonly rules: readonly RuleDoc[];
  readonly scopes: readonly { code: string; label: string }[];
  readonly knownErrors: readonly { href: string; report: string; rule: RuleId; reason: string; status: string }[];
}

const KIND_LABELS = { count: '非负整数（件、条、项）', signed: '带符号整数（增/减）', money: '金额（可带小数，单位按报告所印）' } as const;
const SEVERITY_LABELS: Record<Severity, string> = { error: '错误：报告自身的数字对不上', warning: '提示：值得核对，可能有合理原因' };
const STATUS_LABELS: Record<KnownErrorEntry['status'], string> = { open: '未更正', reported: '已向发布机关反映', 'corrected-upstream': '发布机关已更正' };

/** Builds the methodology page from the form and rule declarations and the known errors. */
export function buildMethodologyView(knownErrors: readonly KnownErrorEntry[]): MethodologyView {
  return {
    forms: FORMS.map((form) => ({
      id: form.id,
      notice: form.notice,
      years: form.years.to ? `${form.years.from}–${form.years.to} 年度` : `${form.years.from} 年度起`,
      markers: form.markers.join('、'),
      tables: TABLE_IDS.map((t) => {
        const table = form.tables[t];
        return {
          caption: `表${table.section} ${table.title}（${t}）`,
          cellCount: listTableCells(table).length,
          columns: table.columns.map((c) => ({ code: c.code, label: formatColumnLabel(c), kind: KIND_LABELS[c.kind] })),
          rows: table.rows.map((r) => ({ code: r.code, label: formatRowLabel(r), columns: r.columns.length === table.columns.length ? '全部' : r.columns.join(', ') })),
        };
      }),
    })),
    rules: listAllRules().map((r) => ({
      id: r.id,
      anchor: `rule-${r.id}`,
      title: r.title,
      statement: r.statement,
      meaning: r.meaning,
      severity: r.severity,
      severityLabel: SEVERITY_LABELS[r.severity],
      forms: r.forms.join('、'),
      crossYear: r.kind === 'sum' && r.crossYear,
    })),
    scopes: Object.entries(REPORT_SCOPES).map(([code, label]) => ({ code, label })),
    knownErrors: knownErrors.map((e) => ({ href: reportPath(e.report), report: e.report, rule: e.rule, reason: e.reason, status: STATUS_LABELS[e.status] })),
  };
}
