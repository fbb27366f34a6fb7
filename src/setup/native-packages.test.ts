import { describe, expect, it } from 'vitest';
import { formatMissingNative, listMissingNativePackages, readNpmNode, type LockEntry } from './native-packages.ts';

const LOCK: Record<string, LockEntry> = {
  '': { version: '0.1.0' },
  'node_modules/astro': { version: '7.3.5' },
  'node_modules/@rolldown/binding-linux-x64-gnu': { version: '1.2.19', optional: true, os: ['linux'], cpu: ['x64'], libc: ['glibc'], engines: { node: '^20.19.0 || >=22.12.0' } },
  'node_modules/@rolldown/binding-linux-x64-musl': { version: '1.2.19', optional: true, os: ['linux'], cpu: ['x64'], libc: ['musl'] },
  'node_modules/@rolldown/binding-darwin-arm64': { version: '1.2.19', optional: true, os: ['darwin'], cpu: ['arm64'] },
  'node_modules/@rolldown/binding-wasm32-wasi': { version: '1.2.19', optional: true, cpu: ['wasm32'] },
  'node_modules/@rolldown/binding-wasm32-wasi/node_modules/tslib': { version: '2.9.1', optional: true },
  'node_modules/@pagefind/linux-x64': { version: '1.6.0', optional: true, os: ['linux'], cpu: ['x64'] },
  'node_modules/fsevents': { version: '2.3.3', optional: true, os: ['darwin'] },
  'node_modules/not-windows': { version: '1.0.0', optional: true, os: ['!win32'] },
  'node_modules/@types/yauzl': { version: '2.10.3', optional: true },
};
const linux = { os: 'linux', cpu: 'x64', libc: 'glibc' };

describe('native packages npm left out', () => {
  it('lists the optional packages meant for this platform that are not installed, and only those', () => {
    const missing = listMissingNativePackages(LOCK, linux, () => false);
    expect(missing.map((m) => m.path)).toEqual(['node_modules/@rolldown/binding-linux-x64-gnu', 'node_modules/@pagefind/linux-x64', 'node_modules/not-windows']);
    expect(missing[0]).toEqual({ path: 'node_modules/@rolldown/binding-linux-x64-gnu', version: '1.2.19', node: '^20.19.0 || >=22.12.0' });
  });

  it('finds nothing when they are installed', () => {
    expect(listMissingNativePackages(LOCK, linux, () => true)).toEqual([]);
  });

  it('follows the platform: musl, another OS, an excluded OS', () => {
    expect(listMissingNativePackages(LOCK, { ...linux, libc: 'musl' }, () => false).map((m) => m.path)).toContain('node_modules/@rolldown/binding-linux-x64-musl');
    expect(listMissingNativePackages(LOCK, { os: 'darwin', cpu: 'arm64', libc: null }, () => false).map((m) => m.path)).toEqual(['node_modules/@rolldown/binding-darwin-arm64', 'node_modules/fsevents', 'node_modules/not-windows']);
    expect(listMissingNativePackages(LOCK, { os: 'win32', cpu: 'x64', libc: null }, () => false)).toEqual([]);
  });

  it("reads the Node that ran npm from npm's user agent", () => {
    expect(readNpmNode('npm/9.2.0 node/v18.20.4 linux x64 workspaces/false')).toBe('v18.20.4');
    expect(readNpmNode(undefined)).toBeNull();
  });

  it('says which Node ran npm and what to do when a package was skipped for its Node range', () => {
    const text = formatMissingNative(listMissingNativePackages(LOCK, linux, (p) => !p.includes('rolldown')), 'v18.20.4');
    expect(text).toContain('  - @rolldown/binding-linux-x64-gnu@1.2.19 (needs Node ^20.19.0 || >=22.12.0)');
    expect(text).toContain('npm ran on Node v18.20.4');
    expect(text).toContain('Node.js 20.19 or newer');
    expect(text.split('\n').at(-1)).toBe('then: rm -rf node_modules && npm ci');
  });
});
