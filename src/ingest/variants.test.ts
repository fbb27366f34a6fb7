import { describe, expect, it } from 'vitest';
import { extractHtmlLines } from './extract-html.ts';
import { renderReport, LAYOUTS, type Layout, type RenderStyle } from './fixtures/render-report.ts';
import { createRandom, drawF2021Values, readCorpusValues, type ReportValues } from './fixtures/report-values.ts';
import { buildIngestJson } from './ingest-json.ts';
import { parseReportLines } from './parse-report.ts';
import { splitTextLines } from './source-lines.ts';
import { CORPUS_IDS, listCellMismatches, readExpected, readJurisdictions } from './fixtures/test-support.ts';

const jurisdictions = readJurisdictions();

/** What the corpus prints in the cells it gives no value. */
const PRINTED: Record<string, Record<string, string>> = { '230722-2020': { 'active.procurement.amount': '91.928.320' } };

/** Draws a style for a layout from a seed: every variation on or off at random. */
function drawStyle(layout: Layout, seed: number, plain: boolean): RenderStyle {
  const rnd = createRandom(seed * 7919 + 13);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  if (plain) return { layout, seed, fullWidth: false, wording: false, signs: 'ascii', units: 'attached', halfWidthBrackets: false };
  return { layout, seed, fullWidth: rnd() < 0.5, wording: true, signs: pick(['ascii', 'words', 'unicode', 'bare'] as const), units: pick(['attached', 'spaced', 'bracketed', 'header'] as const), halfWidthBrackets: rnd() < 0.5 };
}

/** Renders and parses a generated report, returning its --json output. */
function renderAndParse(values: ReportValues, style: RenderStyle) {
  const text = renderReport(values, style);
  const lines = style.layout === 'html' ? extractHtmlLines(text) : splitTextLines(text);
  const result = parseReportLines(`case.${style.layout === 'html' ? 'html' : 'txt'}`, lines, jurisdictions);
  if (!result.ok) throw new Error(`${result.diagnostics.map((d) => `${d.line}:${d.column} ${d.rule} ${d.message}`).join('\n')}\n--- input ---\n${text}`);
  return { json: buildIngestJson(result.report), text };
}

/** Jurisdictions whose name is unique in the list, for generated reports. */
const UNIQUE = jurisdictions.all.filter((j) => jurisdictions.all.filter((o) => o.name === j.name).length === 1);

const realCases = CORPUS_IDS.flatMap((id) => LAYOUTS.flatMap((layout) => [0, 1, 2].map((k) => ({ id, layout, seed: k + 1, plain: k === 0 }))));

describe('generated variants of the real reports', () => {
  it.each(realCases)('$id as $layout (seed $seed, plain $plain): every cell read', ({ id, layout, seed, plain }) => {
    const expected = readExpected(id);
    const { json, text } = renderAndParse(readCorpusValues(expected, PRINTED[id]), drawStyle(layout, seed, plain));
    expect(listCellMismatches(expected, json), text).toEqual([]);
    expect(json.units).toEqual(expected.units);
    expect(json.id).toBe(expected.id);
    expect(json.form).toBe('F2019');
  });
});

const f2021Cases = Array.from({ length: 12 }, (_, k) => k + 1).flatMap((seed) => LAYOUTS.map((layout) => ({ seed, layout })));

describe('generated rule-consistent F2021 reports', () => {
  it.each(f2021Cases)('seed $seed as $layout: every cell read, no rule broken', ({ seed, layout }) => {
    const j = UNIQUE[(seed * 37) % UNIQUE.length]!;
    const values = drawF2021Values(seed, j.code, j.name, 2020 + (seed % 5) + 1);
    const { json, text } = renderAndParse(values, drawStyle(layout, seed, false));
    expect(listCellMismatches({ tables: values.cells }, json), text).toEqual([]);
    expect(json.form).toBe('F2021');
    expect(json.id).toBe(`${j.code}-${values.year}`);
    expect(json.units).toEqual({ 'active.fees.amount': '万元' });
    expect(json.diagnostics.filter((d) => d.severity === 'error'), text).toEqual([]);
  });
});
