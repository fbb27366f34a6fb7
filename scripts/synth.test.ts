import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const NODE = join(REPO, 'node_modules', '.bin', 'node');
const scratch = mkdtempSync(join(tmpdir(), 'synth-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs the synth CLI; returns its exit status and output. */
function runSynth(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(NODE, [join(REPO, 'scripts', 'synth.ts'), ...args], { cwd: REPO, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Lists every file under a directory with its text, by relative path. */
function readTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out.set(join(entry.parentPath, entry.name).slice(dir.length + 1), readFileSync(join(entry.parentPath, entry.name), 'utf8'));
  }
  return out;
}

describe('npm run synth', () => {
  it('refuses the project content directory however it is spelled, writing nothing', () => {
    const before = readdirSync(join(REPO, 'content'), { recursive: true }).sort();
    for (const out of ['content', 'content/reports/x', join(REPO, 'content', '..', 'content'), '.']) {
      const r = runSynth('--reports', '5', '--out', out, '--force');
      expect(r.status, out).toBe(2);
      expect(r.stderr).toContain('refusing to write a synthetic corpus');
    }
    expect(readdirSync(join(REPO, 'content'), { recursive: true }).sort()).toEqual(before);
  });

  it('writes the same bytes for the same seed, and refuses to overwrite without --force', () => {
    const a = join(scratch, 'a');
    const b = join(scratch, 'b');
    const first = runSynth('--reports', '20', '--out', a, '--seed', '3');
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^synth: 20 reports \(20 government, 0 department; F2019 \d+, F2021 \d+\)/);
    expect(runSynth('--reports', '20', '--out', b, '--seed', '3').status).toBe(0);
    const tree = readTree(a);
    expect(tree.size).toBe(20 * 5 + 4);
    expect(readTree(b)).toEqual(tree);
    const again = runSynth('--reports', '20', '--out', a);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('is not empty');
    expect(readTree(a)).toEqual(tree);
    expect(readdirSync(scratch).filter((n) => n.includes('.synth-'))).toEqual([]);
  });

  it('replaces a previous synthetic corpus with --force, keeping other files', () => {
    const dir = join(scratch, 'forced');
    expect(runSynth('--reports', '30', '--out', dir).status).toBe(0);
    writeFileSync(join(dir, 'notes.txt'), 'mine\n');
    const r = runSynth('--reports', '10', '--out', dir, '--force');
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(join(dir, 'reports'))).toHaveLength(10);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine\n');
  });

  it('will not replace a reports directory that is not a synthetic corpus, even with --force', () => {
    const dir = join(scratch, 'real');
    mkdirSync(join(dir, 'reports', '230881-2020'), { recursive: true });
    const r = runSynth('--reports', '5', '--out', dir, '--force');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('not a synthetic corpus');
    expect(existsSync(join(dir, 'reports', '230881-2020'))).toBe(true);
    expect(existsSync(join(dir, 'synth-manifest.json'))).toBe(false);
  });

  it('rejects bad arguments with exit 2', () => {
    expect(runSynth('--out', join(scratch, 'x')).status).toBe(2);
    expect(runSynth('--reports', 'many', '--out', join(scratch, 'x')).status).toBe(2);
    expect(runSynth('--reports', '5').status).toBe(2);
    expect(runSynth('--reports', '5', '--out', join(scratch, 'x'), '--inconsistent-share', '0.7').status).toBe(2);
    expect(existsSync(join(scratch, 'x'))).toBe(false);
  });
});
