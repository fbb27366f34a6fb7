import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitReportFiles, type CommitFs } from './commit-report.ts';

/** An in-memory file system that can be told to fail at the n-th write or at the first rename to a path. */
function createMemoryFs(opts: { failWriteAt?: number; failRenameTo?: string } = {}): CommitFs & { files: Map<string, string>; dirs: Set<string> } {
  const files = new Map<string, string>();
  const dirs = new Set<string>();
  let writes = 0;
  let renameFailed = false;
  const under = (p: string, dir: string): boolean => p === dir || p.startsWith(`${dir}/`);
  return {
    files,
    dirs,
    exists: (p) => dirs.has(p) || files.has(p),
    mkdir: (p) => void dirs.add(p),
    writeFile(p, data) {
      if (++writes === opts.failWriteAt) throw new Error('ENOSPC: no space left on device');
      files.set(p, typeof data === 'string' ? data : new TextDecoder().decode(data));
    },
    rename(from, to) {
      if (to === opts.failRenameTo && !renameFailed) {
        renameFailed = true;
        throw new Error('EXDEV: rename failed');
      }
      for (const [p, v] of [...files]) if (under(p, from)) (files.delete(p), files.set(to + p.slice(from.length), v));
      for (const d of [...dirs]) if (under(d, from)) (dirs.delete(d), dirs.add(to + d.slice(from.length)));
    },
    remove(p) {
      for (const f of [...files.keys()]) if (under(f, p)) files.delete(f);
      for (const d of [...dirs]) if (under(d, p)) dirs.delete(d);
    },
  };
}

const FILES = { 'index.md': 'new text', 'active.csv': 'a', 'requests.csv': 'r', 'appeals.csv': 'p', 'source.txt': 's' };
const plan = { target: '/c/reports/230881-2020', scratch: '/c/.ingest-230881-2020-1', force: false };

describe('atomic report writes', () => {
  it('writes every file of a new report and leaves no scratch folder', () => {
    const fs = createMemoryFs();
    expect(commitReportFiles(fs, plan, FILES)).toEqual({ ok: true, replaced: false });
    expect([...fs.files.keys()].sort()).toEqual(Object.keys(FILES).map((f) => `${plan.target}/${f}`).sort());
    expect([...fs.dirs].some((d) => d.startsWith(plan.scratch))).toBe(false);
  });

  it('leaves no partial report when a write fails mid-way', () => {
    const fs = createMemoryFs({ failWriteAt: 3 });
    const result = commitReportFiles(fs, plan, FILES);
    expect(result).toMatchObject({ ok: false, reason: 'failed' });
    expect(!result.ok && result.message).toContain('ENOSPC');
    expect(fs.exists(plan.target)).toBe(false);
    expect(fs.files.size).toBe(0);
  });

  it('refuses to overwrite an existing report without force, and keeps it intact', () => {
    const fs = createMemoryFs();
    fs.mkdir(plan.target);
    fs.files.set(`${plan.target}/index.md`, 'old text');
    expect(commitReportFiles(fs, plan, FILES)).toMatchObject({ ok: false, reason: 'exists' });
    expect(fs.files.get(`${plan.target}/index.md`)).toBe('old text');
  });

  it('keeps the previous version when replacing it fails, and replaces it when it does not', () => {
    const failing = createMemoryFs({ failRenameTo: plan.target });
    failing.mkdir(plan.target);
    failing.files.set(`${plan.target}/index.md`, 'old text');
    expect(commitReportFiles(failing, { ...plan, force: true }, FILES)).toMatchObject({ ok: false, reason: 'failed' });
    expect(failing.files.get(`${plan.target}/index.md`)).toBe('old text');
    expect([...failing.files.keys()]).toEqual([`${plan.target}/index.md`]);

    const fs = createMemoryFs();
    fs.mkdir(plan.target);
    fs.files.set(`${plan.target}/stale.txt`, 'stale');
    expect(commitReportFiles(fs, { ...plan, force: true }, FILES)).toEqual({ ok: true, replaced: true });
    expect(fs.files.get(`${plan.target}/index.md`)).toBe('new text');
    expect(fs.files.has(`${plan.target}/stale.txt`)).toBe(false);
  });

  it('does the same on the real file system', () => {
    const root = mkdtempSync(join(tmpdir(), 'gongkai-commit-'));
    try {
      const nodeFs: CommitFs = {
        exists: existsSync,
        mkdir: (p) => mkdirSync(p, { recursive: true }),
        writeFile: (p, d) => writeFileSync(p, d),
        rename: renameSync,
        remove: (p) => rmSync(p, { recursive: true, force: true }),
      };
      const real = { target: join(root, 'reports', '230881-2020'), scratch: join(root, '.ingest-x'), force: false };
      expect(commitReportFiles(nodeFs, real, { ...FILES, 'source.pdf': new Uint8Array([37, 80, 68, 70]) })).toEqual({ ok: true, replaced: false });
      expect(readFileSync(join(real.target, 'index.md'), 'utf8')).toBe('new text');
      expect(readFileSync(join(real.target, 'source.pdf'), 'latin1')).toBe('%PDF');
      expect(readdirSync(root).sort()).toEqual(['reports']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
