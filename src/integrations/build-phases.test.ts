import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PHASES_ENV, recordPhase, sumPhases } from './build-phases.ts';

const saved = process.env[PHASES_ENV];
afterEach(() => {
  if (saved === undefined) delete process.env[PHASES_ENV];
  else process.env[PHASES_ENV] = saved;
});

describe('build phases', () => {
  it('appends a line per phase to the file the environment names, and sums them by phase', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-phases-'));
    try {
      process.env[PHASES_ENV] = join(dir, 'phases.jsonl');
      recordPhase('search', 1.234);
      recordPhase('charts', 2);
      recordPhase('search', 0.5);
      const text = readFileSync(join(dir, 'phases.jsonl'), 'utf8');
      expect(text.trimEnd().split('\n')).toHaveLength(3);
      expect(sumPhases(text)).toEqual({ search: 1.73, charts: 2 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('records nothing without a file', () => {
    delete process.env[PHASES_ENV];
    expect(() => recordPhase('search', 1)).not.toThrow();
    expect(sumPhases('')).toEqual({});
  });
});
