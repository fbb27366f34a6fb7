/** The metrics on the built site: the methodology page states each one from its declaration, and every comparison page links there. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { FORMS } from '../src/form/forms.ts';
import { describeMetricCells, formatMetricFormula } from '../src/metrics/derive-metrics.ts';
import { METRICS, SMALL_BASE } from '../src/metrics/metric-specs.ts';
import { loadContent } from '../src/loaders/load-content.ts';
import { nodeContentFs } from '../src/loaders/node-fs.ts';
import { listComparePages } from '../src/views/compare-view.ts';

const dist = inject('distDir');
const content = loadContent(nodeContentFs, process.env.GONGKAI_CONTENT ?? 'content');

/** The text of the element with an id, up to the next section, tags removed. */
function readSection(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  if (start < 0) return '';
  const end = html.indexOf('</section>', start);
  return html.slice(start, end).replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&quot;/g, '"');
}

describe('metrics on the methodology page', () => {
  const html = readFileSync(join(dist, 'methodology', 'index.html'), 'utf8');

  it('has a section per declared metric with its definition, formula, cells on both form versions and comparability', () => {
    for (const metric of METRICS) {
      const text = readSection(html, `metric-${metric.id}`);
      expect(text, metric.id).toContain(metric.name);
      expect(text).toContain(metric.definition);
      expect(text).toContain(formatMetricFormula(metric));
      expect(text).toContain(metric.comparabilityNote);
      for (const form of FORMS) {
        const cells = describeMetricCells(metric, form);
        expect(text, `${metric.id} on ${form.id}`).toContain(cells.numerator);
        if (cells.denominator) expect(text).toContain(cells.denominator);
      }
      if (metric.cautionBelow !== null) expect(text).toContain(`不足 ${metric.cautionBelow} 件`);
    }
    expect(html).toContain(`不足 ${SMALL_BASE} 件时`);
  });

  it('is linked from every comparison page by the metric name', () => {
    for (const page of listComparePages(content.reports)) {
      const compare = readFileSync(join(dist, page.href, 'index.html'), 'utf8');
      expect(compare, page.href).toContain(`<a href="/methodology/#metric-${page.metric.id}">${page.metric.name}</a>`);
    }
  });
});
