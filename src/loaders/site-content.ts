/**
 * The content the site is built from, loaded once per build process and shared by every page.
 * Malformed content fails the build here, listing every problem at once.
 */
import { formatDiagnostic, sortDiagnostics } from '../reports/diagnostic.ts';
import { resolveContentDir } from './content-dir.ts';
import { isCacheOff } from '../machinery/cache-switch.ts';
import { hashLoaderCode, openContentMemo, resolveContentMemoDir, type OpenContentMemo } from '../machinery/content-memo.ts';
import { loadContent, type LoadedContent } from './load-content.ts';
import { nodeContentFs } from './node-fs.ts';

let cached: LoadedContent | undefined;

/** Thrown when content is malformed; its message lists every problem. */
export class ContentError extends Error {
  override name = 'ContentError';
}

/** The content memo of this build (src/machinery/content-memo.ts), or none when the loader's code cannot be hashed (no sources in the working directory). */
function openBuildMemo(): OpenContentMemo | undefined {
  // Off (GONGKAI_CACHES_OFF=content): no memo at all, neither read nor written, so a build without it
  // does the work a build before the memo did (its entries need no record of the output: each is
  // checked against the files it stands for).
  if (isCacheOff('content')) return undefined;
  let version: string;
  try {
    version = hashLoaderCode();
  } catch {
    return undefined;
  }
  return openContentMemo(resolveContentMemoDir(), version);
}

/** Loads (once) and returns the checked content; throws ContentError listing every problem. */
export function getSiteContent(): LoadedContent {
  if (cached) return cached;
  const root = resolveContentDir();
  const memo = openBuildMemo();
  const content = loadContent(nodeContentFs, root, memo ? { memo, ...(memo.prefetch && { prefetch: memo.prefetch }) } : {});
  // Every folder was read: the entries of folders gone (and of other versions of the loader) go.
  memo?.prune();
  if (content.errors.length) {
    const list = sortDiagnostics(content.errors).map(formatDiagnostic).join('\n');
    throw new ContentError(`The content in ${root} has ${content.errors.length} problem(s); nothing was built.\n${list}\n(run npm run validate to check content without building)`);
  }
  cached = content;
  return content;
}
