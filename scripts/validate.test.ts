import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_DIR, loadCommittedContent } from '../src/fixtures/committed-content.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NODE = join(ROOT, 'node_modules/.bin/node');

/** Runs `node scripts/validate.ts` with the pinned Node, as `npm run validate` does. */
function runValidate(args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const { GONGKAI_CONTENT: _ignored, ...inherited } = process.env;
  const r = spawnSync(NODE, ['scripts/validate.ts', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...inherited, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

let broken = '';
beforeAll(() => {
  broken = mkdtempSync(join(tmpdir(), 'gongkai-validate-'));
  cpSync(CONTENT_DIR, broken, { recursive: true });
  const requests = join(broken, 'reports/230700-2020/requests.csv');
  writeFileSync(requests, readFileSync(requests, 'utf8').replace(/^granted,/m, 'granted_in_full,'));
  const appeals = join(broken, 'reports/231000-2020/appeals.csv');
  writeFileSync(appeals, readFileSync(appeals, 'utf8').replace(/^review,行政复议,5,/m, 'review,行政复议,五,'));
});
afterAll(() => {
  if (broken) rmSync(broken, { recursive: true, force: true });
});

describe('npm run validate', () => {
  it('exits 0 on the committed content and prints only the summary line', () => {
    const content = loadCommittedContent();
    const r = runValidate(['--content', CONTENT_DIR]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      `validate: ${content.reports.length} reports checked in ${CONTENT_DIR}: 0 errors, 0 warnings, ${content.known.length} known source errors published as printed\n`,
    );
    expect(r.status).toBe(0);
  });

  it('lists the known source errors with --known, still exiting 0', () => {
    const r = runValidate(['--content', CONTENT_DIR, '--known']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.filter((l) => / error \[T3-[AB]\] 230881-2020 .*\(known source error, published as printed\)$/.test(l))).toHaveLength(4);
    expect(lines.at(-1)).toMatch(/^validate: \d+ reports checked in .*: 0 errors, 0 warnings, 4 known source errors published as printed$/);
  });

  it('exits 1 on a broken copy and lists every problem, then the summary', () => {
    const r = runValidate(['--content', broken]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.stdout.replaceAll(broken, '<content>')).toMatchInlineSnapshot(`
      "<content>/reports/230700-2020/requests.csv:4:1: error [unknown-row] unknown row code “granted_in_full” in table 三 (requests) of F2019
        hint: the rows of this table are: received_new, carried_over, granted, partially_granted, denied_state_secret, denied_prohibited_by_law, denied_three_securities, denied_third_party, denied_internal_affairs, denied_deliberative, denied_enforcement_file, denied_query_service, unavailable_not_held, unavailable_needs_compilation, unavailable_unclear, not_processed_petition, not_processed_duplicate, not_processed_publication, not_processed_excessive, not_processed_confirmation, other, processed_total, carried_forward
      <content>/reports/230700-2020/requests.csv:4:1: error [missing-row] row “granted” (三、本年度办理结果 （一）予以公开) is missing
        hint: add a line for it; table 三 of F2019 has 23 rows
      <content>/reports/231000-2020/appeals.csv:2:13: error [not-a-number] cell review.upheld: “五” is not a number
        hint: write the number as digits (e.g. 12, -3, 21997万元); if the report prints something that is not a number, write ~ followed by the printed text (e.g. ~/ or ~91.928.320), or ~ alone for a blank
      validate: 3 reports checked in <content>: 3 errors, 0 warnings, 4 known source errors published as printed
      "
    `);
  });

  it('reads GONGKAI_CONTENT when no --content is given', () => {
    const r = runValidate([], { GONGKAI_CONTENT: broken });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`validate: 3 reports checked in ${broken}: 3 errors, 0 warnings`);
  });

  it('exits 2 on an unknown flag, with the usage on standard error', () => {
    const r = runValidate(['--contnet', CONTENT_DIR]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatchInlineSnapshot(`
      "validate: Unknown option '--contnet'
      usage: npm run validate [-- --content DIR] [--known]
      "
    `);
  });

  it('prints its help and exits 0', () => {
    const r = runValidate(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('--content DIR');
  });
});
