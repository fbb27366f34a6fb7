/**
 * What the tests need from the machine besides node_modules, and what to do when some of it is
 * missing: install it (as root, with apt-get), or stop before any test with the command to run.
 * `tests/ensure-requirements.ts` runs this first in `npm test`; the browser tests check Chromium
 * again when they launch it, so a direct `npx vitest run` fails with the same advice instead of a
 * launcher error. No test skips itself because a tool is missing.
 */
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Debian's Chromium, which the browser tests drive through playwright-core. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** A file Debian's fonts-noto-cjk installs: Chinese text in Chromium's pages and screenshots. */
export const NOTO_CJK_PATH = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

/** One thing the tests need from the machine. */
export interface Requirement {
  /** What it is and what needs it, for the message. */
  readonly what: string;
  /** The Debian package that provides it. */
  readonly debianPackage: string;
  /** Whether this machine has it. */
  readonly present: () => boolean;
}

/** Whether a command is on the PATH (`PATH` as given). */
export function isOnPath(command: string, path: string = process.env.PATH ?? ''): boolean {
  return path.split(delimiter).some((dir) => dir !== '' && existsSync(join(dir, command)));
}

/** Everything the tests need that npm does not install. */
export const TEST_REQUIREMENTS: readonly Requirement[] = [
  { what: `Chromium at ${CHROMIUM_PATH} (the browser tests)`, debianPackage: 'chromium', present: () => existsSync(CHROMIUM_PATH) },
  { what: 'CJK fonts (Chinese text in the browser tests)', debianPackage: 'fonts-noto-cjk', present: () => existsSync(NOTO_CJK_PATH) },
  { what: "python3 (the CSV round trip through Python's csv module)", debianPackage: 'python3', present: () => isOnPath('python3') },
];

/** The machine as far as installing goes. */
export interface Machine {
  /** Running as root (uid 0). */
  readonly root: boolean;
  /** apt-get is on the PATH. */
  readonly aptGet: boolean;
}

/** What to do about the missing requirements. */
export type RequirementsPlan =
  | { readonly action: 'ready' }
  | { readonly action: 'install'; readonly packages: readonly string[] }
  | { readonly action: 'stop'; readonly message: string };

/** The command a person runs to install Debian packages. */
export function formatInstallCommand(packages: readonly string[], machine: Machine): string {
  return `${machine.root ? '' : 'sudo '}apt-get install ${packages.join(' ')}`;
}

/** The message that stops the tests: what is missing, what needs it, and the command that installs it. */
export function formatMissingMessage(missing: readonly Requirement[], machine: Machine): string {
  const packages = missing.map((r) => r.debianPackage);
  const lines = ['The tests need what this machine lacks:', ...missing.map((r) => `  - ${r.what}: Debian package ${r.debianPackage}`), ''];
  if (machine.aptGet) lines.push('Install it, then run the tests again:', `  ${formatInstallCommand(packages, machine)}`);
  else lines.push(`This machine has no apt-get. On Debian: ${formatInstallCommand(packages, { ...machine, root: false })}`, `Elsewhere install what is listed above (Chromium so that ${CHROMIUM_PATH} runs it).`);
  return lines.join('\n');
}

/**
 * Decides what to do about the missing requirements: nothing when none is missing; install them
 * when running as root with apt-get (unless that was tried already: `afterInstall`); stop with the
 * command to run otherwise.
 */
export function planRequirements(missing: readonly Requirement[], machine: Machine, afterInstall = false): RequirementsPlan {
  if (missing.length === 0) return { action: 'ready' };
  if (machine.root && machine.aptGet && !afterInstall) return { action: 'install', packages: missing.map((r) => r.debianPackage) };
  const message = formatMissingMessage(missing, machine);
  return { action: 'stop', message: afterInstall ? `apt-get install finished, but it is still missing.\n${message}` : message };
}

/** The requirements this machine lacks. */
export function listMissing(requirements: readonly Requirement[] = TEST_REQUIREMENTS): Requirement[] {
  return requirements.filter((r) => !r.present());
}

/** This machine. */
export function describeMachine(): Machine {
  return { root: process.getuid?.() === 0, aptGet: isOnPath('apt-get') };
}

/** Throws the stop message when Chromium is missing (for a test that launches it directly). */
export function assertChromium(): void {
  const missing = listMissing(TEST_REQUIREMENTS.filter((r) => r.debianPackage === 'chromium'));
  if (missing.length) throw new Error(formatMissingMessage(missing, describeMachine()));
}
