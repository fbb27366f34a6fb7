import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatInstallCommand, isOnPath, listMissing, planRequirements, type Requirement } from './requirements.ts';

const chromium: Requirement = { what: 'Chromium at /usr/bin/chromium (the browser tests)', debianPackage: 'chromium', present: () => false };
const fonts: Requirement = { what: 'CJK fonts', debianPackage: 'fonts-noto-cjk', present: () => false };
const python: Requirement = { what: 'python3', debianPackage: 'python3', present: () => true };

describe('what the tests need from the machine', () => {
  it('lists the requirements that are not present', () => {
    expect(listMissing([chromium, python, fonts]).map((r) => r.debianPackage)).toEqual(['chromium', 'fonts-noto-cjk']);
    expect(listMissing([python])).toEqual([]);
  });

  it('goes ahead when nothing is missing, whoever runs it', () => {
    expect(planRequirements([], { root: false, aptGet: false })).toEqual({ action: 'ready' });
    expect(planRequirements([], { root: true, aptGet: true })).toEqual({ action: 'ready' });
  });

  it('installs the missing Debian packages as root with apt-get', () => {
    expect(planRequirements([chromium, fonts], { root: true, aptGet: true })).toEqual({ action: 'install', packages: ['chromium', 'fonts-noto-cjk'] });
  });

  it('stops with the exact command to run when it cannot install', () => {
    const plan = planRequirements([chromium, fonts], { root: false, aptGet: true });
    expect(plan.action).toBe('stop');
    if (plan.action !== 'stop') return;
    expect(plan.message).toContain('\n  sudo apt-get install chromium fonts-noto-cjk');
    expect(plan.message).toContain('Chromium at /usr/bin/chromium (the browser tests): Debian package chromium');
  });

  it('stops after an install that left something missing, instead of trying again', () => {
    const plan = planRequirements([fonts], { root: true, aptGet: true }, true);
    expect(plan.action).toBe('stop');
    if (plan.action === 'stop') expect(plan.message).toMatch(/still missing[\s\S]*\n {2}apt-get install fonts-noto-cjk/);
  });

  it('says what to install on a machine without apt-get', () => {
    const plan = planRequirements([chromium], { root: true, aptGet: false });
    expect(plan.action).toBe('stop');
    if (plan.action === 'stop') expect(plan.message).toContain('no apt-get. On Debian: sudo apt-get install chromium');
  });

  it('writes sudo only for a user who is not root', () => {
    expect(formatInstallCommand(['python3'], { root: true, aptGet: true })).toBe('apt-get install python3');
    expect(formatInstallCommand(['python3'], { root: false, aptGet: true })).toBe('sudo apt-get install python3');
  });

  it('finds a command on the PATH it is given', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-path-'));
    try {
      mkdirSync(join(dir, 'bin'));
      writeFileSync(join(dir, 'bin', 'tool'), '');
      expect(isOnPath('tool', ['', join(dir, 'none'), join(dir, 'bin')].join(delimiter))).toBe(true);
      expect(isOnPath('other', join(dir, 'bin'))).toBe(false);
      expect(isOnPath('tool', '')).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('npm test stops before any test, exit 1, with the command, when a tool is missing and cannot be installed', () => {
    // An empty PATH: no python3 and no apt-get, whatever this machine has.
    const run = spawnSync(process.execPath, [join('tests', 'ensure-requirements.ts')], { env: { PATH: '' }, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('npm test: stopped before any test.');
    expect(run.stderr).toContain("python3 (the CSV round trip through Python's csv module): Debian package python3");
    expect(run.stderr).toMatch(/On Debian: sudo apt-get install (\S+ )*python3/);
  });
});
