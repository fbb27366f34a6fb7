import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { THEME_BOOT_SCRIPT } from './theme-boot.ts';
import { nextThemeChoice, readThemeChoice, THEME_KEY } from './theme-state.ts';

describe('theme choices', () => {
  it('cycles 自动 → 浅色 → 深色 → 自动', () => {
    expect([nextThemeChoice('auto'), nextThemeChoice('light'), nextThemeChoice('dark')]).toEqual(['light', 'dark', 'auto']);
  });

  it('reads anything but light or dark as 自动', () => {
    expect(['light', 'dark', null, '', 'auto', 'DARK', 'sepia'].map(readThemeChoice)).toEqual(['light', 'dark', 'auto', 'auto', 'auto', 'auto', 'auto']);
  });
});

describe('THEME_BOOT_SCRIPT', () => {
  /** Runs the boot script against a stand-in document and storage; returns what it set. */
  function boot(getItem: (key: string) => string | null): { theme: string | undefined; classes: string[] } {
    const classes: string[] = [];
    const dataset: Record<string, string> = {};
    runInNewContext(THEME_BOOT_SCRIPT, { document: { documentElement: { classList: { add: (c: string) => classes.push(c) }, dataset } }, localStorage: { getItem } });
    return { theme: dataset.theme, classes };
  }

  it('applies a stored light or dark choice and marks the page as running JavaScript', () => {
    expect(boot((k) => (k === THEME_KEY ? 'dark' : null))).toEqual({ theme: 'dark', classes: ['js'] });
    expect(boot((k) => (k === THEME_KEY ? 'light' : null))).toEqual({ theme: 'light', classes: ['js'] });
  });

  it('leaves the system theme for no choice, an unknown value, or storage that throws', () => {
    expect(boot(() => null)).toEqual({ theme: undefined, classes: ['js'] });
    expect(boot(() => '<script>')).toEqual({ theme: undefined, classes: ['js'] });
    expect(
      boot(() => {
        throw new Error('SecurityError');
      }),
    ).toEqual({ theme: undefined, classes: ['js'] });
  });
});
