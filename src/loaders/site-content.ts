/**
 * The content the site is built from, loaded once per build process and shared by every page.
 * Malformed content fails the build here, listing every problem at once.
 */
import { formatDiagnostic, sortDiagnostics } from '../reports/diagnostic.ts';
import { resolveContentDir } from './content-dir.ts';
import { loadContent, type LoadedContent } from './load-content.ts';
import { nodeContentFs } from './node-fs.ts';

let cached: LoadedContent | undefined;

/** Thrown when content is malformed; its message lists every problem. */
export class ContentError extends Error {
  override name = 'ContentError';
}

/** Loads (once) and returns the checked content; throws ContentError listing every problem. */
export function getSiteContent(): LoadedContent {
  if (cached) return cached;
  const root = resolveContentDir();
  const content = loadContent(nodeContentFs, root);
  if (content.errors.length) {
    const list = sortDiagnostics(content.errors).map(formatDiagnostic).join('\n');
    throw new ContentError(`The content in ${root} has ${content.errors.length} problem(s); nothing was built.\n${list}\n(run npm run validate to check content without building)`);
  }
  cached = content;
  return content;
}
