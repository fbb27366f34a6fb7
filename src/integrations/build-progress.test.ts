import { describe, expect, it } from 'vitest';
import { formatElapsed, formatProgress, trackProgress } from './build-progress.ts';

describe('the build progress line', () => {
  it('says pages done of the total, the share, the time and the paths kept', () => {
    expect(formatProgress(1200, 5030, 65.4, 13000)).toBe('files 1,200 / 5,030 (23%), 1m 05s; 13,000 unchanged kept');
    expect(formatProgress(3, 10, 7.9, 0)).toBe('files 3 / 10 (30%), 7s');
    expect(formatElapsed(3600)).toBe('60m 00s');
  });

  it('never says more done than the total (a page whose code changed renders though its key did not)', () => {
    expect(formatProgress(12, 10, 1, 0)).toBe('files 12 / 12 (100%), 1s');
    expect(formatProgress(0, 0, 0, 5)).toBe('files 0 / 0 (100%), 0s; 5 unchanged kept');
  });

  it('gives a line once every period of rendering, counting every page, and a closing line', () => {
    const progress = trackProgress(100, 0, 1000, 10);
    const lines: (string | null)[] = [];
    for (let i = 1; i <= 30; i++) lines.push(progress.rendered(1000 + i));
    const due = lines.flatMap((l, i) => (l ? [[i + 1, l]] : []));
    expect(due).toEqual([
      [10, 'files 10 / 100 (10%), 10s'],
      [20, 'files 20 / 100 (20%), 20s'],
      [30, 'files 30 / 100 (30%), 30s'],
    ]);
    expect(progress.finish(1042)).toBe('files 30 / 100 (30%), 42s');
  });
});
