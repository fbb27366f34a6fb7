import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cpuByPhase, peakByPhase, PHASES_ENV, readPhaseCounts, readPhaseNotes, readPhaseSpans, recordPhase, sumPhases } from './build-phases.ts';

const saved = process.env[PHASES_ENV];
afterEach(() => {
  if (saved === undefined) delete process.env[PHASES_ENV];
  else process.env[PHASES_ENV] = saved;
});

/** Runs `body` with the phases file named in the environment, in a scratch folder removed after; `readPhases` reads the file's text. */
function withPhasesFile(body: (readPhases: () => string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-phases-'));
  const file = join(dir, 'phases.jsonl');
  try {
    process.env[PHASES_ENV] = file;
    body(() => readFileSync(file, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('build phases', () => {
  it('appends a line per phase to the file the environment names, and sums them by phase', () => {
    withPhasesFile((readPhases) => {
      recordPhase('search', 1.234);
      recordPhase('charts', 2);
      recordPhase('search', 0.5);
      const text = readPhases();
      expect(text.trimEnd().split('\n')).toHaveLength(3);
      expect(sumPhases(text)).toEqual({ search: 1.73, charts: 2 });
    });
  });

  it("keeps a phase's note (what went wrong) beside its seconds, and reads the notes back by phase", () => {
    withPhasesFile((readPhases) => {
      recordPhase('charts', 941.97);
      recordPhase('charts-failed', 941.97, 'chart worker 1 exited with code 134');
      const text = readPhases();
      expect(sumPhases(text)).toEqual({ charts: 941.97, 'charts-failed': 941.97 });
      expect(readPhaseNotes(text)).toEqual({ 'charts-failed': 'chart worker 1 exited with code 134' });
      expect(readPhaseSpans(text).map((s) => s.phase)).toEqual(['charts', 'charts-failed']);
      recordPhase('charts-failed', 1, 'another');
      expect(readPhaseNotes(readPhases())).toEqual({ 'charts-failed': 'chart worker 1 exited with code 134; another' });
    });
  });

  it('keeps the counts of a phase, added up over its lines, and leaves phases without counts out', () => {
    withPhasesFile((readPhases) => {
      recordPhase('charts', 2);
      recordPhase('search', 1.5, undefined, { pages: 1227, parts: 8, pages_indexed: 1084, parts_indexed: 7 });
      recordPhase('search', 0.5, undefined, { pages_indexed: 16, parts_indexed: 1 });
      const text = readPhases();
      expect(readPhaseCounts(text)).toEqual({ search: { pages: 1227, parts: 8, pages_indexed: 1100, parts_indexed: 8 } });
      expect(readPhaseNotes(text)).toEqual({});
      expect(sumPhases(text)).toEqual({ charts: 2, search: 2 });
    });
  });

  it('records nothing without a file', () => {
    delete process.env[PHASES_ENV];
    expect(() => recordPhase('search', 1)).not.toThrow();
    expect(sumPhases('')).toEqual({});
  });
});

describe('phase spans and peaks', () => {
  it('reads each phase line as a span ending at its end time, leaving out lines without one', () => {
    const text = ['{"phase":"charts","seconds":2,"end":10000}', '{"phase":"search","seconds":1.5}', '{"phase":"build","seconds":5,"end":12000}', ''].join('\n');
    expect(readPhaseSpans(text)).toEqual([
      { phase: 'charts', start: 8000, end: 10000 },
      { phase: 'build', start: 7000, end: 12000 },
    ]);
  });

  it('takes the largest sample inside each span, and leaves out a phase no sample fell in', () => {
    const spans = [
      { phase: 'charts', start: 8000, end: 10000 },
      { phase: 'build', start: 7000, end: 12000 },
      { phase: 'search', start: 20000, end: 21000 },
    ];
    const samples: Array<[number, number]> = [
      [6900, 5000],
      [8000, 300],
      [9000, 900],
      [11000, 700],
      [12001, 4000],
    ];
    expect(peakByPhase(spans, samples)).toEqual({ charts: 900, build: 900 });
  });

  it('records the end time of each phase', () => {
    withPhasesFile((readPhases) => {
      const before = Date.now();
      recordPhase('search', 0.25);
      const [span] = readPhaseSpans(readPhases());
      expect(span!.end).toBeGreaterThanOrEqual(before);
      expect(span!.end).toBeLessThanOrEqual(Date.now());
      expect(span!.end - span!.start).toBe(250);
    });
  });

  it("reads each phase's CPU seconds as the growth of the running total between its start and end, interpolated between samples", () => {
    const samples: Array<[number, number]> = [
      [1000, 0],
      [2000, 1],
      [3000, 3],
      [4000, 3.5],
    ];
    const spans = [
      { phase: 'charts', start: 1500, end: 3000 },
      { phase: 'search', start: 3500, end: 9000 },
      { phase: 'search', start: 0, end: 1000 },
    ];
    expect(cpuByPhase(spans, samples)).toEqual({ charts: 2.5, search: 0.25 });
    expect(cpuByPhase(spans, [])).toEqual({});
  });
});
