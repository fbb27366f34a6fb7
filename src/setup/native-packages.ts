/**
 * Whether `npm ci` installed the native packages this machine needs (Astro's compiler and bundler,
 * Pagefind, esbuild, resvg, …). They are optional dependencies, one per platform, and npm silently
 * leaves out an optional package whose `engines` the Node running npm does not satisfy: Debian 12's
 * Node 18 runs npm fine but gets no bundler binding, and the build fails later with "Cannot find
 * native binding". Pure: the lock file and what is installed are passed in.
 */

/** A package entry of package-lock.json (lockfileVersion 2 or 3), as far as this check reads it. */
export interface LockEntry {
  readonly version?: string;
  readonly optional?: boolean;
  readonly os?: readonly string[];
  readonly cpu?: readonly string[];
  readonly libc?: readonly string[];
  readonly engines?: { readonly node?: string };
}

/** The machine as npm's platform fields describe it. */
export interface Platform {
  /** `process.platform`, e.g. `linux`. */
  readonly os: string;
  /** `process.arch`, e.g. `x64`. */
  readonly cpu: string;
  /** `glibc`, `musl`, or null where libc does not apply. */
  readonly libc: string | null;
}

/** A native package the lock file lists for this platform that is not installed. */
export interface MissingPackage {
  /** Its path in node_modules, e.g. `node_modules/@rolldown/binding-linux-x64-gnu`. */
  readonly path: string;
  readonly version: string;
  /** Its `engines.node`, when it has one. */
  readonly node: string | null;
}

/** Whether an npm platform list (`os`, `cpu`, `libc`) admits a value; `!x` entries exclude it. */
function admits(list: readonly string[] | undefined, value: string | null): boolean {
  if (!list || list.length === 0) return true;
  if (value === null) return false;
  if (list.includes(`!${value}`)) return false;
  return list.some((v) => !v.startsWith('!')) ? list.includes(value) : true;
}

/** The optional platform packages of the lock file meant for `platform` that `isInstalled` does not find. */
export function listMissingNativePackages(packages: Readonly<Record<string, LockEntry>>, platform: Platform, isInstalled: (path: string) => boolean): MissingPackage[] {
  return Object.entries(packages)
    .filter(([path, e]) => path !== '' && e.optional === true && (e.os !== undefined || e.cpu !== undefined))
    .filter(([, e]) => admits(e.os, platform.os) && admits(e.cpu, platform.cpu) && (e.libc === undefined || admits(e.libc, platform.libc)))
    .filter(([path]) => !isInstalled(path))
    .map(([path, e]) => ({ path, version: e.version ?? '', node: e.engines?.node ?? null }));
}

/** The Node version in npm's user agent (`npm/9.2.0 node/v18.20.4 linux x64 …`), or null. */
export function readNpmNode(userAgent: string | undefined): string | null {
  return /\bnode\/(v\d+\.\d+\.\d+)/.exec(userAgent ?? '')?.[1] ?? null;
}

/** What to tell the person who ran npm ci: what is missing, why, and what to do. */
export function formatMissingNative(missing: readonly MissingPackage[], npmNode: string | null): string {
  const lines = [
    'npm left out native packages this machine needs to build the site:',
    ...missing.map((m) => `  - ${m.path.replace(/^.*node_modules\//, '')}@${m.version}${m.node ? ` (needs Node ${m.node})` : ''}`),
  ];
  if (missing.some((m) => m.node)) {
    lines.push(
      `npm ran on Node ${npmNode ?? '(unknown)'} and skips an optional package whose Node range that version is outside.`,
      'Run npm with Node.js 20.19 or newer (Debian 13: apt-get install nodejs npm; Debian 12 ships Node 18, too old),',
    );
  } else {
    lines.push('Run npm again with a clean node_modules,');
  }
  lines.push('then: rm -rf node_modules && npm ci');
  return lines.join('\n');
}
