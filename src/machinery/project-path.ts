/**
 * How the memos under `.cache/` name a directory of the project (the output directory they describe):
 * by its path relative to the project root, `/`-separated, never by its absolute path. A project
 * copied or restored elsewhere with its `.cache/` and `dist/` (a new clone, a CI runner's workspace)
 * then finds its memos still describing its output, and reuses them (docs/caches.md).
 */
import { isAbsolute, relative, sep } from 'node:path';

/** `path` relative to `root`, `/`-separated (`.` for the root itself); a path on another drive stays absolute. */
export function nameInProject(root: string, path: string): string {
  const rel = relative(root, path);
  if (isAbsolute(rel)) return rel;
  return rel === '' ? '.' : rel.split(sep).join('/');
}
