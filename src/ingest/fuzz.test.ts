import { describe, expect, it } from 'vitest';
import { extractInput } from './extract-input.ts';
import { renderReport, type Layout } from './fixtures/render-report.ts';
import { createRandom, drawF2021Values, drawInt, readCorpusValues, type ReportCells } from './fixtures/report-values.ts';
import { buildIngestJson, type IngestJson } from './ingest-json.ts';
import { foldWidth } from './normalise-text.ts';
import { parseReportLines } from './parse-report.ts';
import { CORPUS_IDS, readCorpusText, readExpected, readJurisdictions } from './fixtures/test-support.ts';

const jurisdictions = readJurisdictions();

/** A mutation of a report's text; `keepsLines` when it only removes, repeats or cuts whole lines. */
interface Mutation {
  readonly name: string;
  readonly keepsLines: boolean;
  apply(text: string, rnd: () => number): string | Uint8Array;
}

const MUTATIONS: readonly Mutation[] = [
  { name: 'truncate', keepsLines: true, apply: (t, rnd) => t.slice(0, drawInt(rnd, 0, t.length)) },
  {
    name: 'delete lines',
    keepsLines: true,
    apply: (t, rnd) => {
      const lines = t.split('\n');
      for (let k = drawInt(rnd, 1, 3); k > 0; k--) lines.splice(drawInt(rnd, 0, lines.length - 1), 1);
      return lines.join('\n');
    },
  },
  {
    name: 'duplicate lines',
    keepsLines: true,
    apply: (t, rnd) => {
      const lines = t.split('\n');
      for (let k = drawInt(rnd, 1, 3); k > 0; k--) {
        const i = drawInt(rnd, 0, lines.length - 1);
        lines.splice(i, 0, lines[i]!);
      }
      return lines.join('\n');
    },
  },
  {
    name: 'swap digits',
    keepsLines: false,
    apply: (t, rnd) => {
      const chars = [...t];
      const digits = chars.map((c, i) => (/\d/.test(c) ? i : -1)).filter((i) => i >= 0 && i + 1 < chars.length);
      for (let k = drawInt(rnd, 1, 4); k > 0 && digits.length; k--) {
        const i = digits[drawInt(rnd, 0, digits.length - 1)]!;
        [chars[i], chars[i + 1]] = [chars[i + 1]!, chars[i]!];
      }
      return chars.join('');
    },
  },
  {
    name: 'random bytes',
    keepsLines: false,
    apply: (t, rnd) => {
      const bytes = [...new TextEncoder().encode(t)];
      for (let k = drawInt(rnd, 1, 12); k > 0; k--) bytes.splice(drawInt(rnd, 0, bytes.length), rnd() < 0.5 ? 1 : 0, drawInt(rnd, 0, 255));
      return new Uint8Array(bytes);
    },
  },
];

/** The texts the fuzz test mutates: the real reports and generated ones in the hardest layouts. */
function listSeeds(): { name: string; text: string; cells: ReportCells }[] {
  const real = CORPUS_IDS.map((id) => ({ name: id, text: readCorpusText(id), cells: readExpected(id).tables }));
  const layouts: Layout[] = ['pdf-text', 'cell-per-line', 'tab-grid'];
  const generated = layouts.map((layout, k) => {
    const values = k === 0 ? drawF2021Values(77, '230881', '同江市', 2022) : readCorpusValues(readExpected(CORPUS_IDS[k]!));
    const text = renderReport(values, { layout, seed: 5 + k, fullWidth: k === 1, wording: true, signs: 'words', units: 'spaced', halfWidthBrackets: false });
    return { name: `${values.form.id} ${layout}`, text, cells: values.cells };
  });
  return [...real, ...generated];
}

/** Lists the numbers of the output that do not occur in the input text. */
function listInventedNumbers(json: IngestJson, input: string): string[] {
  const text = foldWidth(input).replace(/(\d),(?=\d{3})/g, '$1');
  const out: string[] = [];
  for (const [t, rows] of Object.entries(json.tables)) {
    for (const [row, cols] of Object.entries(rows)) {
      for (const [col, v] of Object.entries(cols)) if (v !== null && !text.includes(String(Math.abs(v)))) out.push(`${t}.${row}.${col}=${v}`);
    }
  }
  return out;
}

/** Lists the cells with a value different from the original report's. */
function listChangedCells(json: IngestJson, cells: ReportCells): string[] {
  const out: string[] = [];
  for (const [t, rows] of Object.entries(cells)) {
    for (const [row, cols] of Object.entries(rows)) {
      for (const [col, want] of Object.entries(cols)) {
        const got = json.tables[t as keyof IngestJson['tables']]?.[row]?.[col] ?? null;
        if (got !== null && got !== want) out.push(`${t}.${row}.${col}: ${want} → ${got}`);
      }
    }
  }
  return out;
}

const cases = listSeeds().flatMap((seed) => MUTATIONS.flatMap((m) => Array.from({ length: 8 }, (_, k) => ({ seed, mutation: m, k }))));

describe('fuzzed reports', () => {
  it.each(cases.map((c) => [`${c.seed.name} / ${c.mutation.name} #${c.k}`, c] as const))('%s: no crash, no invented number', async (_, { seed, mutation, k }) => {
    const rnd = createRandom(1000 * k + mutation.name.length * 31 + seed.name.length);
    const mutated = mutation.apply(seed.text, rnd);
    const bytes = typeof mutated === 'string' ? new TextEncoder().encode(mutated) : mutated;
    const extraction = await extractInput('fuzzed.txt', bytes);
    if (!extraction.ok) {
      expect(extraction.message.length).toBeGreaterThan(0);
      return;
    }
    const result = parseReportLines('fuzzed.txt', extraction.lines, jurisdictions);
    if (!result.ok) {
      expect(result.diagnostics.every((d) => d.severity === 'error' && d.message.length > 0)).toBe(true);
      return;
    }
    const json = buildIngestJson(result.report);
    expect(listInventedNumbers(json, extraction.sourceText)).toEqual([]);
    // Whole lines removed, repeated or cut off: a value read is the original value, or none at all.
    if (mutation.keepsLines) expect(listChangedCells(json, seed.cells)).toEqual([]);
  });
});
