/**
 * Golden tests, one folder per layout under fixtures/golden/: `input.*` is a report as extraction gives
 * it, `values.json` the numbers it prints (the truth), `expected.json` the --json output and `output/`
 * the content files ingest writes. Regenerate the outputs with UPDATE_GOLDEN=1 and review the diff;
 * the outputs must still agree with values.json.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractInput } from './extract-input.ts';
import { buildIngestJson } from './ingest-json.ts';
import { parseReportLines } from './parse-report.ts';
import { buildReportFiles } from './report-files.ts';
import { listCellMismatches, PROJECT_DIR, readJurisdictions, type ExpectedJson } from './fixtures/test-support.ts';

const GOLDEN = join(PROJECT_DIR, 'src', 'ingest', 'fixtures', 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const jurisdictions = readJurisdictions();
const cases = readdirSync(GOLDEN, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

/** Reads a golden file, or writes it first in update mode. */
function readGolden(path: string, actual: string): string {
  if (UPDATE) {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, actual);
  }
  return readFileSync(path, 'utf8');
}

describe('golden input → output per layout', () => {
  it('has a case for every layout', () => {
    expect(cases).toEqual(['f2019-pdf-text-signs-units', 'f2021-cell-per-line', 'f2021-html', 'f2021-markdown', 'f2021-pdf-text', 'f2021-tab-grid']);
  });

  it.each(cases)('%s', async (name) => {
    const dir = join(GOLDEN, name);
    const input = readdirSync(dir).find((f) => f.startsWith('input.'))!;
    const extraction = await extractInput(input, new Uint8Array(readFileSync(join(dir, input))));
    if (!extraction.ok) throw new Error(extraction.message);
    const result = parseReportLines(input, extraction.lines, jurisdictions);
    if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
    const json = buildIngestJson(result.report);
    const expected = JSON.parse(readGolden(join(dir, 'expected.json'), `${JSON.stringify(json, null, 2)}\n`)) as ExpectedJson;
    expect(json).toEqual(expected);
    const values = JSON.parse(readFileSync(join(dir, 'values.json'), 'utf8')) as ExpectedJson['tables'];
    expect(listCellMismatches({ tables: values }, expected)).toEqual([]);
    const files = buildReportFiles(result.report, extraction, null);
    for (const file of ['index.md', 'active.csv', 'requests.csv', 'appeals.csv']) {
      const text = String(files[file]);
      expect(text).toBe(readGolden(join(dir, 'output', file), text));
    }
  });
});
