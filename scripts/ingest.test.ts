import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTENT_DIR, CORPUS_IDS, listCellMismatches, PROJECT_DIR, readExpected } from '../src/ingest/test-support.ts';

const CORPUS = join(PROJECT_DIR, 'src', 'fixtures', 'corpus');
const scratch: string[] = [];

/** Runs the ingest CLI with the Node that runs the tests. */
function runIngest(args: readonly string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(PROJECT_DIR, 'scripts', 'ingest.ts'), ...args], { cwd: PROJECT_DIR, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh content directory holding the jurisdiction list (and the known errors, when asked). */
function makeContentDir(withKnownErrors = false): string {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-ingest-'));
  scratch.push(dir);
  cpSync(join(CONTENT_DIR, 'jurisdictions.csv'), join(dir, 'jurisdictions.csv'));
  if (withKnownErrors) cpSync(join(CONTENT_DIR, 'known-errors.yaml'), join(dir, 'known-errors.yaml'));
  return dir;
}

/** Every file of a folder, recursively, by relative path. */
function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    if (statSync(join(dir, p)).isFile()) out[p] = readFileSync(join(dir, p), 'utf8');
  }
  return out;
}

afterEach(() => {
  for (const d of scratch.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('npm run ingest', () => {
  it('re-ingesting the five real reports reproduces the committed content byte for byte', () => {
    const out = makeContentDir(true);
    const r = runIngest([CORPUS, '--out', out]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    for (const id of CORPUS_IDS) expect(readTree(join(out, 'reports', id))).toEqual(readTree(join(CONTENT_DIR, 'reports', id)));
    expect(r.stderr).toContain(`[5/5] ${join('src', 'fixtures', 'corpus', '231000-2020.txt')}: 231000-2020 written`);
    expect(r.stdout.trim().split('\n').at(-1)).toMatch(/^ingest: 5 files into .*: 5 written, 0 already present, 0 failed; 4 errors, 1 warnings$/);
    expect(r.stdout).toMatch(/^src\/fixtures\/corpus\/230722-2020\.txt:239:12: warning \[unreadable-cell\] .*91\.928\.320/m);
    const validate = spawnSync(process.execPath, [join(PROJECT_DIR, 'scripts', 'validate.ts'), '--content', out], { cwd: PROJECT_DIR, encoding: 'utf8' });
    expect(validate.stdout).toContain('0 errors, 0 warnings, 4 known source errors');
    expect(validate.status).toBe(0);
  });

  it('respects GONGKAI_CONTENT and refuses to overwrite an existing report without --force', () => {
    const out = makeContentDir();
    const file = join(CORPUS, '230700-2020.txt');
    expect(runIngest([file], { GONGKAI_CONTENT: out }).status).toBe(0);
    const index = join(out, 'reports', '230700-2020', 'index.md');
    writeFileSync(index, readFileSync(index, 'utf8').replace('scope: government', 'scope: self').replace('publisher: 伊春市人民政府', 'publisher: 伊春市人民政府办公室'));
    const before = readTree(join(out, 'reports'));
    const again = runIngest([file], { GONGKAI_CONTENT: out });
    expect(again.status).toBe(1);
    expect(again.stdout).toContain('already exists: not overwritten (use --force to replace it)');
    expect(readTree(join(out, 'reports'))).toEqual(before);

    writeFileSync(join(out, 'reports', '230700-2020', 'active.csv'), 'damaged');
    const forced = runIngest([file, '--force'], { GONGKAI_CONTENT: out });
    expect(forced.status).toBe(0);
    const text = readFileSync(index, 'utf8');
    expect(text).toContain('scope: self');
    expect(text).toContain('publisher: 伊春市人民政府办公室');
    expect(readFileSync(join(out, 'reports', '230700-2020', 'active.csv'), 'utf8')).toBe(readFileSync(join(CONTENT_DIR, 'reports', '230700-2020', 'active.csv'), 'utf8'));
    expect(readdirSync(out).sort()).toEqual(['jurisdictions.csv', 'reports']);
  });

  it('does not write a report with rows it could not read', () => {
    const out = makeContentDir();
    const broken = join(out, 'broken.txt');
    writeFileSync(broken, readFileSync(join(CORPUS, '230700-2020.txt'), 'utf8').replace('\t(一) 予以公开\t13\t0\t1\t0\t0\t0\t14', '\t(一) 予以公开\t13\t0\t1\t0\t0\t14'));
    const r = runIngest([broken, '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/broken\.txt:80:11: error \[cell-count\] table 三: row “三、本年度办理结果 （一）予以公开” \(granted\) should have 7 values, found 6/);
    expect(r.stdout).toContain('230700-2020 not written');
    expect(existsSync(join(out, 'reports'))).toBe(false);
  });
});

describe('npm run ingest -- <file> --json', () => {
  it('prints the spec §8 object and writes nothing', () => {
    const out = makeContentDir();
    const r = runIngest([join(CORPUS, '230881-2020.txt'), '--json', '--out', out]);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(['id', 'jurisdiction', 'year', 'form', 'tables', 'units', 'diagnostics']);
    expect(Object.keys(json.tables)).toEqual(['active', 'requests', 'appeals']);
    expect(json).toMatchObject({ id: '230881-2020', jurisdiction: { code: '230881', name: '同江市' }, year: 2020, form: 'F2019', units: { 'active.procurement.amount': '万元' } });
    expect(listCellMismatches(readExpected('230881-2020'), json)).toEqual([]);
    for (const d of json.diagnostics) expect(Object.keys(d)).toEqual(['rule', 'severity', 'message']);
    expect(json.diagnostics.map((d: { rule: string }) => d.rule)).toEqual(['T3-A', 'T3-A', 'T3-B', 'T3-B']);
    expect(readdirSync(out)).toEqual(['jurisdictions.csv']);
  });

  it('gives null and a diagnostic for an unreadable cell', () => {
    const r = runIngest([join(CORPUS, '230722-2020.txt'), '--json']);
    const json = JSON.parse(r.stdout);
    expect(json.tables.active.procurement).toEqual({ projects: 215, amount: null });
    expect(json.units).toEqual({ 'active.procurement.amount': null });
    expect(json.diagnostics).toEqual([expect.objectContaining({ rule: 'unreadable-cell', severity: 'warning' })]);
  });

  it('exits 1 with the reason on stderr when the file cannot be parsed, 2 on a usage error', () => {
    const out = makeContentDir();
    const notReport = join(out, 'notes.txt');
    writeFileSync(notReport, '同江市2020年政府信息公开工作年度报告\n一、总体情况\n无。\n');
    const r = runIngest([notReport, '--json']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/notes\.txt:\d+:\d+: error \[missing-table\] table 二 .*not found/);
    expect(runIngest(['--json']).status).toBe(2);
    expect(runIngest([join(CORPUS, '230881-2020.txt'), join(CORPUS, '230722-2020.txt'), '--json']).status).toBe(2);
    expect(runIngest(['--no-such-flag', 'x']).status).toBe(2);
    expect(runIngest([join(out, 'missing.txt')]).status).toBe(2);
  });
});
