/**
 * The version of a part of the build's code, for cache keys and stamps: a hash of the source of
 * some modules and of every module of the project they import, found by their `from '…'` clauses
 * (the project's modules import each other only so: no side-effect or dynamic relative imports), and
 * of the lockfile when there is one (the dependencies' versions). One function for every cache
 * that must change with the code: the chart cache's key (chart-cache.ts) and the stamps of the files
 * beside the pages (src/integrations/endpoint-files.ts).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The relative module paths a TypeScript source imports or re-exports: the `from '…'` of each
 * statement that starts a line with `import` or `export` (not one quoted in a comment).
 */
export function listRelativeImports(source: string): string[] {
  return [...source.matchAll(/^[ \t]*(?:import|export)\b[^;]*?\bfrom\s*'(\.{1,2}\/[^']+)'/gm)].map((m) => m[1]!);
}

/**
 * Hashes the modules `entries` (paths) and every module they import, directly or not, each named by
 * its path relative to `root` (the project), with `root`'s package-lock.json when it has one.
 */
export function hashSourceGraph(entries: readonly string[], root: string): string {
  const pending = entries.map((file) => resolve(file));
  const sources = new Map<string, Buffer>();
  while (pending.length) {
    const file = pending.pop()!;
    if (sources.has(file)) continue;
    const source = readFileSync(file);
    sources.set(file, source);
    for (const spec of listRelativeImports(source.toString('utf8'))) pending.push(resolve(dirname(file), spec));
  }
  const hash = createHash('sha256');
  for (const file of [...sources.keys()].sort()) hash.update(relative(root, file)).update('\u0000').update(sources.get(file)!).update('\u0000');
  try {
    hash.update('package-lock.json\u0000').update(readFileSync(join(root, 'package-lock.json')));
  } catch {
    // No lockfile (a snapshot of the sources): the modules alone.
  }
  return hash.digest('hex');
}
