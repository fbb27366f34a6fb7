/** The data-quality panel of a report: every rule of its form version and what it found. */
import { listRules, type RuleId, type Severity } from '../form/rules.ts';
import type { CheckedReport, RuleCheck } from '../reports/types.ts';

/** Chinese names of rule statuses. */
export const STATUS_LABELS = { pass: '通过', fail: '未通过', skipped: '无法核对', 'not-applicable': '不适用' } as const;

/** One rule's line in the panel. */
export interface RuleLine {
  readonly id: RuleId;
  readonly title: string;
  readonly severity: Severity;
  readonly status: keyof typeof STATUS_LABELS;
  readonly statusLabel: string;
  /** Link to the rule on the methodology page. */
  readonly href: string;
  /** One sentence per failing (or skipped) check, with its numbers. */
  readonly details: readonly string[];
  /** The recorded explanation, when the failure is a known source error. */
  readonly knownReason: string | null;
}

/** The panel as a whole. */
export interface QualityView {
  readonly lines: readonly RuleLine[];
  readonly failing: number;
  /** Keys of every cell involved in a failing check, for highlighting table cells. */
  readonly flaggedCells: ReadonlySet<string>;
  readonly summary: string;
}

/** Formats a failing check's arithmetic in Chinese with its numbers. */
function describeFailure(check: RuleCheck): string {
  return check.message;
}

/** Builds the data-quality panel of a report. */
export function buildQualityView(report: CheckedReport, methodologyHref: string): QualityView {
  const { form } = report;
  const flaggedCells = new Set<string>();
  const lines = listRules(form).map((rule): RuleLine => {
    const outcome = report.outcomes.find((o) => o.rule === rule.id);
    const crossYearWithoutPrevious = rule.kind === 'sum' && rule.crossYear && (outcome?.checks.length ?? 0) === 0;
    const status: RuleLine['status'] = crossYearWithoutPrevious ? 'not-applicable' : (outcome?.status ?? 'skipped');
    const failing = outcome?.checks.filter((c) => c.status === 'fail') ?? [];
    for (const c of failing) for (const t of c.terms) if (t.reportId === report.meta.id) flaggedCells.add(t.key);
    const skipped = outcome?.checks.filter((c) => c.status === 'skipped') ?? [];
    const details = status === 'not-applicable' ? ['没有上一年度的报告可供衔接核对。'] : [...failing.map(describeFailure), ...skipped.map((c) => c.message)];
    return {
      id: rule.id,
      title: rule.title,
      severity: rule.severity,
      status,
      statusLabel: STATUS_LABELS[status],
      href: `${methodologyHref}#rule-${rule.id}`,
      details,
      knownReason: outcome?.known?.reason ?? null,
    };
  });
  const failing = lines.filter((l) => l.status === 'fail').length;
  const summary = failing === 0 ? `全部 ${lines.filter((l) => l.status === 'pass').length} 项适用的一致性检查均通过。` : `${failing} 项一致性检查未通过：报告按原样发布，问题单元格已标出。`;
  return { lines, failing, flaggedCells, summary };
}
