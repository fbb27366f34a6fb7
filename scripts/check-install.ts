/**
 * `npm ci`'s last step (the `postinstall` script): checks that npm installed every native package
 * the lock file lists for this machine (src/setup/native-packages.ts). Exit 0: all there; 1: some
 * missing, with why and what to do, so the install fails here and not later inside the build.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatMissingNative, listMissingNativePackages, readNpmNode, type LockEntry } from '../src/setup/native-packages.ts';

const root = join(import.meta.dirname, '..');
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages?: Record<string, LockEntry> };
const header = process.report.getReport() as { header?: { glibcVersionRuntime?: string } };
const libc = process.platform !== 'linux' ? null : header.header?.glibcVersionRuntime ? 'glibc' : 'musl';
const missing = listMissingNativePackages(lock.packages ?? {}, { os: process.platform, cpu: process.arch, libc }, (path) => existsSync(join(root, path, 'package.json')));
if (missing.length) {
  console.error(formatMissingNative(missing, readNpmNode(process.env.npm_config_user_agent)));
  process.exit(1);
}
