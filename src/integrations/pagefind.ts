/**
 * Indexes the built site with Pagefind after every `astro build` (into dist/, a scratch dir or a
 * benchmark's dir alike), so search never lags the pages. Chinese is segmented by Pagefind's extended
 * binary, chosen from each page's `<html lang="zh-CN">`. The index is written in parts (see
 * pagefind-parts.ts), one after another, each as an index of its own that Pagefind deletes before the
 * next is begun in the same process, so memory stays that of one part at any number of reports (a
 * process per part cost 0.12 CPU-s a part to start Pagefind's binary again). A part is only rebuilt when
 * what Pagefind is given of a page it covers changed (the page as trimmed, below): a page whose edit
 * falls only where search does not read (a chart, a table, the quality panel) leaves its part alone.
 * The integration keeps each part's fingerprint beside Astro's cache, and each page's hash by size
 * and modification time, so an unchanged page is not read again. A page is
 * handed to Pagefind trimmed to what it reads (pagefind-trim.ts: `<main>` without the charts,
 * tables and quality panel, which the pages mark and Pagefind would parse only to discard), which
 * writes the same index bytes in less time; trimmed
 * pages are kept by hash beside Astro's cache (`pagefind-trimmed/`), so a part rebuilt for another
 * page's change reads its unchanged pages trimmed already. Parts are
 * written by up to one Pagefind process per core at once (`GONGKAI_SEARCH_PROCESSES`): one Pagefind
 * service works through its messages one at a time, so each lane loads its own copy of Pagefind's
 * Node API, which starts its own binary. A lane reads, hashes and trims a part's pages when it comes
 * to the part, so one part's pages are trimmed on this thread while Pagefind indexes another's.
 * A cold build begins the index while its pages wait for their charts (beginEarlySearchIndex): the
 * index after the pages then writes only the parts that could not be written earlier.
 */
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { existsSync, globSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, getPriority, setPriority } from 'node:os';
import { join } from 'node:path';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';
import { recordPhase } from './build-phases.ts';
import { planSearchParts, readSearchPartMaxPages, renderSearchManifest, SEARCH_MANIFEST, type SearchPart } from './pagefind-parts.ts';
import { trimForSearch } from './pagefind-trim.ts';
import { readTree, type TreeProcess } from '../bench/measure-build.ts';
import { isCacheOff, resolveCacheDir } from '../machinery/cache-switch.ts';
import { openFileCache, writeFileWhole } from '../machinery/file-cache.ts';
import { nameInProject } from '../machinery/project-path.ts';
import { buildRegistry } from '../machinery/registry.ts';

/**
 * The pages search covers, as folders under the site (`*` is one folder's name): each report, each
 * jurisdiction, each comparison (found by its metric's name), the methodology. Lists and tools are left out.
 */
const SEARCH_FOLDERS = ['reports/*', 'jurisdictions/*', 'compare/*/*', 'methodology'] as const;

/** The pages search covers, as a glob of site-relative paths. */
export const SEARCH_GLOB = `{${SEARCH_FOLDERS.map((f) => `${f}/index.html`).join(',')}}`;

/** Matches the pages SEARCH_GLOB covers, as site-relative paths (a regular expression, as path.matchesGlob costs some 4 µs a page on Astro's thread). */
const SEARCH_PAGE = new RegExp(`^(?:${SEARCH_FOLDERS.map((f) => f.replace(/[.]/g, '\\.').replaceAll('*', '[^/]+')).join('|')})/index\\.html$`);

/** Where on the site the Pagefind parts and their manifest are written; the search page reads `parts.json` from here. */
export const PAGEFIND_DIR = 'pagefind';

/**
 * Pagefind's prebuilt search interfaces, written with every part. The search page uses the JS API
 * (`pagefind.js`, its worker, wasm and index) with its own small script, so these are removed.
 */
const UNUSED_BUNDLE_FILES = [
  'pagefind-ui.js',
  'pagefind-ui.css',
  'pagefind-component-ui.js',
  'pagefind-component-ui.css',
  'pagefind-modular-ui.js',
  'pagefind-modular-ui.css',
  'pagefind-highlight.js',
];

/** The search code of a bundle: only the first part's is loaded; a merged part brings its index and fragments alone. */
const MERGED_PART_UNUSED = /^(pagefind\.js|pagefind-worker\.js|wasm\..*\.pagefind)$/;

/** The environment variable that sets how many Pagefind processes write parts at once (default: one per core, at most MAX_SEARCH_PROCESSES). */
export const SEARCH_PROCESSES_ENV = 'GONGKAI_SEARCH_PROCESSES';

/** The most Pagefind processes by default: each holds a part's index (about 0.2 GB for synthetic pages, 0.9 GB for 500 real-length ones). */
const MAX_SEARCH_PROCESSES = 2;

/** How many Pagefind processes write parts at once: the environment's positive number, else one per core up to MAX_SEARCH_PROCESSES. */
export function resolveSearchProcesses(env: string | undefined, cores: number): number {
  if (env !== undefined && /^\s*[1-9]\d*\s*$/.test(env)) return Number(env.trim());
  return Math.max(1, Math.min(MAX_SEARCH_PROCESSES, cores));
}

/** Pagefind's Node API: one module copy drives one Pagefind binary, started on first use and stopped by `close`. */
type PagefindApi = Pick<typeof pagefind, 'createIndex' | 'close'>;

/**
 * Loads `count` separate copies of Pagefind's Node API (the first is the one imported above): the
 * API keeps one service per module, so a copy loaded under another URL drives its own binary.
 */
async function loadPagefindLanes(count: number): Promise<PagefindApi[]> {
  const url = import.meta.resolve('pagefind');
  const lanes: PagefindApi[] = [pagefind];
  for (let i = 1; i < count; i++) lanes.push((await import(`${url}?lane=${i}`)) as PagefindApi);
  return lanes;
}

/** How many pages are on their way to Pagefind at once: enough to keep its binary busy, few enough that Node holds little. */
const PAGES_IN_FLIGHT = 8;

/**
 * What Pagefind reads of a page: only `<main>`, without tables, charts and the data-quality panel
 * (numbers, row labels and axis labels are noise in full text; they are on the page and in the
 * downloads), or navigation.
 */
export const INDEX_CONFIG = {
  rootSelector: 'main',
  excludeSelectors: ['table', 'svg', 'figure', 'nav', '[role=img]', '.chart', '#quality', '[data-pagefind-ignore]'],
} as const;

/** Pagefind's version: a part written by another version is rebuilt, since the first part's search code reads them all. */
const PAGEFIND_VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.resolve('pagefind')), 'utf8')) as { version: string }).version;

/** A page's hash, with the size and modification time it had when hashed. */
interface PageHash {
  readonly size: number;
  readonly mtimeMs: number;
  readonly sha256: string;
}

/** A page's hash, and the hash of the HTML Pagefind is given for it (trimmed, or whole): what its part's index is made of. */
interface IndexedPage extends PageHash {
  readonly indexed: string;
}

/** What the integration remembers of the last index it built. */
export interface IndexMemo {
  /** Where the index was written: the output directory relative to the project root (src/machinery/project-path.ts), so a project moved with its cache and output keeps its memo. */
  readonly outDir: string;
  /** How pages were handed to Pagefind: the trimmer's version, or `whole`; a page's `indexed` hash is reused only under the same. */
  readonly given: string;
  /** Each indexed page's hash and the hash of what Pagefind was given of it, by path. */
  readonly files: Readonly<Record<string, IndexedPage>>;
  /** Each part's fingerprint, by part name. */
  readonly parts: Readonly<Record<string, string>>;
}

/** What became of one part in a run. */
export interface PartOutcome {
  readonly name: string;
  readonly pages: number;
  /** False when the part on disk already covered exactly these pages and was kept. */
  readonly built: boolean;
}

/** Reads the memo of the last index; null when there is none, it is unreadable or from before the index had parts. */
function readIndexMemo(file: string): IndexMemo | null {
  try {
    const memo = JSON.parse(readFileSync(file, 'utf8')) as IndexMemo;
    return memo.parts && memo.files && typeof memo.given === 'string' ? memo : null;
  } catch {
    return null;
  }
}

/** Hashes the pages search covers in `dir` (or the listed ones), by path, re-reading only the pages whose size or modification time differ from the memo's. */
export function fingerprintSearchPages(dir: string, memo: Pick<IndexMemo, 'files'> | null, paths: readonly string[] = globSync(SEARCH_GLOB, { cwd: dir }).sort()): Record<string, PageHash> {
  const files: Record<string, PageHash> = {};
  for (const path of paths) {
    const { size, mtimeMs } = statSync(join(dir, path));
    const known = memo?.files[path];
    const sha256 = known && known.size === size && known.mtimeMs === mtimeMs ? known.sha256 : createHash('sha256').update(readFileSync(join(dir, path))).digest('hex');
    files[path] = { size, mtimeMs, sha256 };
  }
  return files;
}

/**
 * Fingerprints a part: Pagefind's version and settings, whether it carries the search code, and its
 * pages' paths with the hash of the HTML Pagefind is given of each (all a part's index is made of).
 */
export function fingerprintSearchPart(part: SearchPart, primary: boolean, files: Readonly<Record<string, Pick<IndexedPage, 'indexed'>>>): string {
  const hash = createHash('sha256').update(`${PAGEFIND_VERSION}\u0000${JSON.stringify(INDEX_CONFIG)}\u0000${primary ? 'primary' : 'merged'}\n`);
  for (const path of part.pages) hash.update(`${path}\u0000${files[path]?.indexed ?? ''}\n`);
  return hash.digest('hex');
}

/**
 * Decides which parts to write: a part is kept when the memo (of the same output directory) has its
 * fingerprint and its bundle is on disk (`hasPart`), and written otherwise.
 */
export function planPartWork(
  parts: readonly SearchPart[],
  fingerprints: Readonly<Record<string, string>>,
  memo: Pick<IndexMemo, 'outDir' | 'parts'> | null,
  outDir: string,
  hasPart: (name: string) => boolean,
  /** The output's absolute path, which a memo written before it named the output from the project root names it by. */
  absoluteOutDir: string = outDir,
): { build: SearchPart[]; keep: SearchPart[] } {
  const known = memo && (memo.outDir === outDir || memo.outDir === absoluteOutDir) ? memo.parts : {};
  const build: SearchPart[] = [];
  const keep: SearchPart[] = [];
  for (const part of parts) (known[part.name] === fingerprints[part.name] && hasPart(part.name) ? keep : build).push(part);
  return { build, keep };
}

/**
 * What a trimmed page depends on besides the page: the trimmer's code, the marks it cuts between and
 * the index's config. Trimmed pages are kept under this name, so a change to any trims every page afresh.
 */
const TRIM_VERSION = createHash('sha256')
  .update(readFileSync(new URL('./pagefind-trim.ts', import.meta.url)))
  .update(readFileSync(new URL('../site/search-skip.ts', import.meta.url)))
  .update(JSON.stringify(INDEX_CONFIG))
  .digest('hex')
  .slice(0, 16);

/** Pages as trimmed for Pagefind, kept across builds by the page's hash (see openTrimmedPageCache). */
interface TrimmedPageCache {
  /** The trimmed page of this path's current hash, if kept. */
  read(path: string): string | undefined;
  write(path: string, html: string): void;
  /** Removes every kept page whose hash no current page has. */
  prune(): void;
}

/**
 * A cache of trimmed pages under `base`, one file per page hash (`<TRIM_VERSION>/<sha256>.html`), so a part rebuilt
 * because other pages of it changed reads its unchanged pages' few kilobytes of trimmed HTML
 * instead of reading and trimming each whole page again (at 20,000 reports a 1% change touches
 * nearly every part). Files are written under a temporary name and renamed, so one is whole or absent.
 */
function openTrimmedPageCache(base: string, files: Readonly<Record<string, PageHash>>): TrimmedPageCache {
  const kept = openFileCache(base, { version: TRIM_VERSION });
  const nameOf = (path: string): string | undefined => {
    const sha = files[path]?.sha256;
    return sha && /^[0-9a-f]{64}$/.test(sha) ? `${sha}.html` : undefined;
  };
  return {
    read(path) {
      const name = nameOf(path);
      return name ? kept.read(name)?.toString('utf8') : undefined;
    },
    write(path, html) {
      const name = nameOf(path);
      if (name) kept.write(name, html);
    },
    prune() {
      // Also removes the pages trimmed by another trimmer or configuration (another version).
      const current = new Set(Object.values(files).map((f) => `${f.sha256}.html`));
      kept.prune((entry) => current.has(entry));
    },
  };
}

/** A page handed to Pagefind whole because the trimmer did not follow its markup, and why. */
export interface WholePage {
  readonly path: string;
  readonly reason: string;
}

/**
 * Returns what Pagefind is given of a page of `dir`: the page trimmed (from the kept trimmed pages
 * when they have the page's hash; a page trimmed afresh is kept), or whole when `trim` is false. A
 * page the trimmer left whole although `trim` was asked is noted in `whole` with why.
 */
function openPageReader(dir: string, trim: boolean, trimmedPages: TrimmedPageCache | null, whole: Map<string, string>): (path: string) => string {
  return (path) => {
    if (!trim) return readFileSync(join(dir, path), 'utf8');
    const cached = trimmedPages?.read(path);
    if (cached !== undefined) return cached;
    const trimmed = trimForSearch(readFileSync(join(dir, path), 'utf8'));
    if (trimmed.untouched !== null) whole.set(path, trimmed.untouched);
    else trimmedPages?.write(path, trimmed.html);
    return trimmed.html;
  };
}

/**
 * Writes one part's bundle into `target` with the lane's Pagefind process, as an index of its own
 * that is deleted (its memory freed) before returning; throws when Pagefind reports an error (the
 * lane then stops its process).
 */
async function writeSearchPart(api: PagefindApi, part: SearchPart, target: string, primary: boolean, readPage: (path: string) => string, gate?: PartGate): Promise<void> {
  const { index, errors } = await api.createIndex({ ...INDEX_CONFIG, excludeSelectors: [...INDEX_CONFIG.excludeSelectors] });
  if (!index || errors.length) throw new Error(`pagefind: cannot create the index: ${errors.join('; ')}`);
  gate?.started();
  for (let i = 0; i < part.pages.length; i += PAGES_IN_FLIGHT) {
    const slice = part.pages.slice(i, i + PAGES_IN_FLIGHT);
    // With a gate, each page is read and sent in a turn of this thread's (the pages' waits), the
    // same pages in the same order; a part stopped half-way is dropped (the index is never written).
    const sending: ReturnType<typeof index.addHTMLFile>[] = [];
    for (const path of slice) {
      if (gate) {
        await gate.turn();
        if (gate.stopped()) throw new StoppedPart();
      }
      sending.push(index.addHTMLFile({ url: `/${path.replace(/index\.html$/, '')}`, content: readPage(path) }));
    }
    const added = await Promise.all(sending);
    const failed = added.flatMap((a, j) => a.errors.map((e) => `${part.pages[i + j]}: ${e}`));
    if (failed.length) throw new Error(`pagefind: cannot index part ${part.name}: ${failed.join('; ')}`);
  }
  await gate?.turn();
  const written = await index.writeFiles({ outputPath: target });
  await gate?.turn();
  if (written.errors.length) throw new Error(`pagefind: cannot write part ${part.name}: ${written.errors.join('; ')}`);
  // Frees this part's index in the binary, which the lane's next part reuses: starting Pagefind's
  // extended binary costs about 0.12 CPU-s a part, and a deleted index leaves the binary the
  // memory of one part (measured with scripts/pagefind-memory.ts, 500 trimmed real-narrative
  // pages a part: each part's peak RSS 568-661 MB, level at ~625 MB from the 7th part on, against
  // 547-658 MB with a process per part; synthetic pages 216 MB flat through 45 parts).
  await index.deleteIndex();
  for (const file of readdirSync(target)) {
    if (UNUSED_BUNDLE_FILES.includes(file) || (!primary && MERGED_PART_UNUSED.test(file))) rmSync(join(target, file), { force: true });
  }
}

/** The running Pagefind binaries this process started (Linux's /proc; none found elsewhere). */
export function pagefindChildren(pid: number = process.pid): number[] {
  let tree: TreeProcess[];
  try {
    tree = readTree(pid);
  } catch {
    return [];
  }
  // comm is cut to 15 characters (`pagefind_extend`).
  return tree.filter((p) => p.ppid === pid && p.comm.startsWith('pagefind')).map((p) => p.pid);
}

/**
 * Waits until every Pagefind binary this process started has exited and been reaped (is gone from
 * /proc), up to `timeoutMs`, so that its CPU is this process's children's when the build exits.
 */
export async function waitForPagefindExit(timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (pagefindChildren().length && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** Replaces `dir/name` with `dir/from` by renames, so the directory holds the old whole part or the new one, never half of either. */
function replaceDir(dir: string, from: string, name: string): void {
  const old = join(dir, `.${name}.old`);
  rmSync(old, { recursive: true, force: true });
  if (existsSync(join(dir, name))) renameSync(join(dir, name), old);
  renameSync(join(dir, from), join(dir, name));
  rmSync(old, { recursive: true, force: true });
}

/** Thrown inside a lane when an early index is stopped in the middle of a part: the part is dropped, not failed. */
class StoppedPart extends Error {
  constructor() {
    super('stopped');
  }
}

/** What a lane of an early index asks before each piece of its work on this thread. */
interface PartGate {
  /** Resolves when this thread may do a piece of the index's work (a page read and sent). */
  turn(): Promise<void>;
  /** Whether the index was stopped (a part under way is then dropped). */
  stopped(): boolean;
  /** Called once a part's index is created in the lane's Pagefind process (which the lane may then lower in priority). */
  started(): void;
}

/** The lowest scheduling priority (the highest nice value). */
const LOWEST_PRIORITY = 19;

/**
 * Lowers every Pagefind binary this process runs, each of its threads (Linux sets a priority per
 * thread: `setpriority` of the process's id reaches its first thread only), to the lowest priority,
 * so it runs on what the other processes leave of the cores. Best effort: a process or thread gone
 * meanwhile, or a system without /proc, is left as it is.
 */
export function lowerPagefindPriority(): void {
  for (const pid of pagefindChildren()) {
    let tasks: string[] = [String(pid)];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      // No /proc: the process's own priority only.
    }
    for (const task of tasks) {
      try {
        if (getPriority(Number(task)) < LOWEST_PRIORITY) setPriority(Number(task), LOWEST_PRIORITY);
      } catch {
        // Gone meanwhile.
      }
    }
  }
}

/**
 * Hands out `parts` one at a time, each once `ready` settles for it, in the order they become ready
 * (without `ready`: all at once, in plan order); undefined when every part is handed out, or once
 * `stop` is called.
 */
export function readyOrder(parts: readonly SearchPart[], ready?: (part: SearchPart) => Promise<unknown>): { next: () => Promise<SearchPart | undefined>; stop: () => void } {
  if (!ready) {
    const queue = [...parts];
    return { next: () => Promise.resolve(queue.shift()), stop: () => queue.splice(0) };
  }
  const queue: SearchPart[] = [];
  const takers: ((part: SearchPart | undefined) => void)[] = [];
  let left = parts.length;
  let stopped = false;
  const arrive = (part: SearchPart): void => {
    left--;
    if (stopped) return;
    const taker = takers.shift();
    if (taker) taker(part);
    else queue.push(part);
    if (left === 0) for (const t of takers.splice(0)) t(undefined);
  };
  for (const part of parts) {
    const done = (): void => arrive(part);
    ready(part).then(done, done);
  }
  return {
    next: () => {
      if (stopped) return Promise.resolve(undefined);
      const part = queue.shift();
      if (part || left === 0) return Promise.resolve(part);
      return new Promise((resolve) => takers.push(resolve));
    },
    stop: () => {
      stopped = true;
      queue.splice(0);
      for (const t of takers.splice(0)) t(undefined);
    },
  };
}

/** Options of `buildSearchIndex`. */
export interface SearchIndexOptions {
  /** The most pages a part holds (default: GONGKAI_SEARCH_PART_PAGES, else SEARCH_PART_MAX_PAGES). */
  readonly maxPages?: number;
  /** The memo of the last run into the same directory: its unchanged parts are kept. */
  readonly memo?: IndexMemo | null;
  /** Called before a part is written and after, for progress and measurement. */
  readonly onPart?: (event: { readonly part: SearchPart; readonly phase: 'start' | 'done' }) => void;
  /** Whether pages are trimmed to what Pagefind reads before it gets them (default true; false hands them over whole, for comparison). */
  readonly trim?: boolean;
  /** How many Pagefind processes write parts at once (default: GONGKAI_SEARCH_PROCESSES, else one per core up to two). */
  readonly processes?: number;
  /** A directory that keeps pages as trimmed for Pagefind across runs, by page hash (none: every page read and trimmed). */
  readonly trimmedCache?: string;
  /** How the memo names the output directory: its path from the project root (default: the directory as given). */
  readonly outDirName?: string;
  /** When given, only one Pagefind process starts at once, the others once it settles (this thread's other work leaves one core meanwhile). */
  readonly widenAfter?: Promise<unknown>;
  /**
   * An index begun while the pages are generated (see beginEarlySearchIndex): the pages the build
   * will write, each part begun once `ready` settles for it, each page read, hashed and sent in a
   * `turn` of this thread, the pages written so far hashed (and trimmed) ahead from `written`; once
   * `stopped` no part is begun and a part under way is dropped. Nothing is pruned or removed and no
   * manifest is written: the index after the pages does that, from the memo this one returns.
   */
  readonly early?: {
    readonly paths: readonly string[];
    ready(part: SearchPart): Promise<unknown>;
    turn(): Promise<void>;
    /** The next page written (undefined once stopped). */
    written(): Promise<string | undefined>;
    stopped(): boolean;
    /** Called with the index's stop, once it is stopped. */
    onStop(stop: () => void): void;
  };
}

/**
 * Builds the Pagefind index of the site in `dir`, part by part, into `dir/pagefind/<part>/`, with
 * `dir/pagefind/parts.json` listing them (the first part carries the search code); removes whatever
 * else is in `dir/pagefind/`. Throws, failing the build, when Pagefind reports an error or no page is found.
 * An early index (`early`) writes the parts it can, and returns a memo of what it did only.
 */
export async function buildSearchIndex(dir: string, options: SearchIndexOptions = {}): Promise<{ pages: number; parts: PartOutcome[]; memo: IndexMemo; whole: WholePage[] }> {
  const memo = options.memo ?? null;
  const trim = options.trim ?? true;
  const early = options.early;
  const paths = early ? [...early.paths].sort() : globSync(SEARCH_GLOB, { cwd: dir }).sort();
  if (paths.length === 0) throw new Error(`pagefind: no page of ${dir} matches ${SEARCH_GLOB}; the search would be empty`);
  // Each page's hash and what Pagefind is given of it, found part by part as the lanes come to the
  // part (below), so the first part is indexed while the pages of the next are read and trimmed.
  const hashed: Record<string, PageHash> = {};
  const trimmedPages = options.trimmedCache ? openTrimmedPageCache(options.trimmedCache, hashed) : null;
  const untrimmed = new Map<string, string>();
  const readPage = openPageReader(dir, trim, trimmedPages, untrimmed);
  // What Pagefind is given of each page, hashed: read again only for a page whose own hash changed.
  const given = trim ? TRIM_VERSION : 'whole';
  const known = memo?.given === given ? memo.files : {};
  const files: Record<string, IndexedPage> = {};
  const parts = planSearchParts(paths, options.maxPages ?? readSearchPartMaxPages(process.env));
  const fingerprints: Record<string, string> = {};
  const out = join(dir, PAGEFIND_DIR);
  const outDirName = options.outDirName ?? dir;
  /** Hashes a page, and what Pagefind is given of it, unless an early index's turn did already (a page of its build, written once). */
  const hashPage = (path: string): void => {
    if (early && files[path]) return;
    const page = fingerprintSearchPages(dir, memo, [path])[path]!;
    hashed[path] = page;
    const last = known[path];
    files[path] = { ...page, indexed: last?.sha256 === page.sha256 && last.indexed ? last.indexed : createHash('sha256').update(readPage(path)).digest('hex') };
  };
  /** Hashes a part's pages (each in a turn of an early index) and fingerprints it; true when the part on disk is kept. */
  const keepPart = async (part: SearchPart): Promise<boolean> => {
    for (const path of part.pages) {
      if (early) {
        await early.turn();
        if (early.stopped()) throw new StoppedPart();
      }
      hashPage(path);
    }
    fingerprints[part.name] = fingerprintSearchPart(part, part === parts[0], files);
    return planPartWork([part], fingerprints, memo, outDirName, (name) => existsSync(join(out, name, 'pagefind-entry.json')), dir).build.length === 0;
  };
  mkdirSync(out, { recursive: true });
  // Each lane takes the next ready part, keeps it or writes it, until none is left; a failure stops every lane at its next part.
  const order = readyOrder(parts, early ? (part) => early.ready(part) : undefined);
  early?.onStop(order.stop);
  const built = new Set<SearchPart>();
  const done = new Set<SearchPart>();
  let failed = false;
  // One Pagefind process writes a lane's parts one after another (started by the first part), and is
  // stopped when the lane is done or fails.
  const lane = async (api: PagefindApi): Promise<void> => {
    try {
      await writeLaneParts(api);
    } finally {
      await api.close();
    }
  };
  // An early index's lane runs at the lowest priority, on the core the chart worker and this thread leave.
  const gate: PartGate | undefined = early && { turn: () => early.turn(), stopped: () => early.stopped(), started: lowerPagefindPriority };
  const writeLaneParts = async (api: PagefindApi): Promise<void> => {
    for (let part = await order.next(); part && !failed; part = await order.next()) {
      try {
        if (await keepPart(part)) {
          done.add(part);
          continue;
        }
        if (early?.stopped()) return;
        built.add(part);
        options.onPart?.({ part, phase: 'start' });
        const tmp = `.${part.name}.tmp`;
        rmSync(join(out, tmp), { recursive: true, force: true });
        await writeSearchPart(api, part, join(out, tmp), part === parts[0], readPage, gate);
        replaceDir(out, tmp, part.name);
        done.add(part);
        options.onPart?.({ part, phase: 'done' });
      } catch (err) {
        if (err instanceof StoppedPart) {
          built.delete(part);
          rmSync(join(out, `.${part.name}.tmp`), { recursive: true, force: true });
          return;
        }
        failed = true;
        throw err;
      }
    }
  };
  // An early index hashes (and trims) the pages as they are written, in this thread's turns, whichever part is ready.
  const ahead = early
    ? (async () => {
        for (let path = await early.written(); path !== undefined; path = await early.written()) {
          await early.turn();
          if (early.stopped()) break;
          hashPage(path);
        }
      })()
    : Promise.resolve();
  const count = early ? 1 : Math.min(parts.length, options.processes ?? resolveSearchProcesses(process.env[SEARCH_PROCESSES_ENV], availableParallelism()));
  // Every lane is awaited before failing, so no Pagefind process outlives the call.
  const widen = options.widenAfter?.then(
    () => {},
    () => {},
  );
  const settled = await Promise.allSettled([...(await loadPagefindLanes(count)).map((api, i) => (i === 0 || !widen ? lane(api) : widen.then(() => lane(api)))), ahead]);
  // Pagefind's `close` signals its binary and returns at once, and the binary is unref'd: without
  // this wait Node could exit before reaping it, and a build's measured CPU (its reaped children's)
  // would miss the lane's whole Pagefind process.
  await waitForPagefindExit();
  const rejected = settled.find((s) => s.status === 'rejected');
  if (rejected) throw rejected.reason;
  const whole = [...untrimmed].map(([path, reason]) => ({ path, reason })).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (early) {
    // What the early index did: the pages it hashed and the parts it wrote or kept; the index after the pages does the rest.
    return {
      pages: paths.length,
      parts: parts.filter((p) => done.has(p)).map((p) => ({ name: p.name, pages: p.pages.length, built: built.has(p) })),
      memo: { outDir: outDirName, given, files: Object.fromEntries(paths.filter((path) => files[path]).map((path) => [path, files[path]!])), parts: Object.fromEntries(parts.filter((p) => done.has(p)).map((p) => [p.name, fingerprints[p.name]!])) },
      whole,
    };
  }
  trimmedPages?.prune();
  // Parts that are gone, an interrupted run's leftovers, an index from before parts.
  const names = new Set([...parts.map((p) => p.name), SEARCH_MANIFEST]);
  for (const entry of readdirSync(out)) if (!names.has(entry)) rmSync(join(out, entry), { recursive: true, force: true });
  writeFileWhole(join(out, SEARCH_MANIFEST), renderSearchManifest(parts));
  return {
    pages: paths.length,
    parts: parts.map((p) => ({ name: p.name, pages: p.pages.length, built: built.has(p) })),
    memo: { outDir: outDirName, given, files: Object.fromEntries(paths.map((path) => [path, files[path]!])), parts: Object.fromEntries(parts.map((p) => [p.name, fingerprints[p.name]!])) },
    whole,
  };
}

/**
 * The memo an index after the pages starts from when an early index ran: the early one's pages and
 * parts over the last build's memo (when that memo is of the same output and the same way of giving
 * pages; else the early one's alone). A part the early index did not finish keeps the last memo's
 * fingerprint: its bundle on disk is the last build's, untouched.
 */
export function mergeIndexMemos(last: IndexMemo | null, early: IndexMemo): IndexMemo {
  if (!last || last.outDir !== early.outDir || last.given !== early.given) return early;
  return { ...early, files: { ...last.files, ...early.files }, parts: { ...last.parts, ...early.parts } };
}

/** The page search covers that a path Astro generates (its pathname; the output in directories) is written to, or null. */
export function searchPageOf(pathname: string): string | null {
  let decoded = pathname;
  try {
    decoded = decodeURI(pathname);
  } catch {
    // as given
  }
  const page = `${decoded.replace(/^\/+|\/+$/g, '')}/index.html`;
  return SEARCH_PAGE.test(page) ? page : null;
}

/** How long an early index works on this thread in one go before it lets the thread's other work (and the events) go on. */
const EARLY_SLICE_MS = 5;

/**
 * When this thread may do an early index's work: only while it is `idle` (a page waiting for its
 * charts), in slices of EARLY_SLICE_MS between the thread's other work; everything once `free`.
 */
export function createIdleTurns(sliceMs: number = EARLY_SLICE_MS): { turn(): Promise<void>; idle(on: boolean): void; free(): void } {
  let open = false;
  let freed = false;
  let until = 0;
  const waiters: (() => void)[] = [];
  const wake = (): void => {
    for (const w of waiters.splice(0)) w();
  };
  return {
    async turn() {
      for (;;) {
        if (freed) return;
        if (open && performance.now() < until) return;
        if (open) {
          // A slice is over (or none began): the thread's other work and its events go first.
          await new Promise((resolve) => setImmediate(resolve));
          if (freed) return;
          if (open) {
            until = performance.now() + sliceMs;
            return;
          }
          continue;
        }
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
    idle(on) {
      open = on;
      until = 0;
      if (on) wake();
    },
    free() {
      freed = true;
      wake();
    },
  };
}

/** An early index under way: what the pre-render's wrapper of Astro's prerenderer tells it (see the registry's `searchEarly`). */
export interface EarlySearchIndex {
  /** A path (its URL's path) is about to be rendered: the one rendered before it is written. */
  rendering(pathname: string): void;
  /** Whether this thread is waiting (a page for its charts): the index works only then. */
  idle(on: boolean): void;
  /** Every page is generated: no part is begun any more, a part under way is dropped; resolves with what the index did (null when it failed). */
  stop(): Promise<Awaited<ReturnType<typeof buildSearchIndex>> | null>;
}

/**
 * Begins the index of the search pages among `pathnames` (the paths a build will generate, in
 * order) into `out` while they are generated: a part once all its pages are written, the pages
 * hashed and trimmed as they are written, only while this thread waits, with one Pagefind process at
 * the lowest priority. Never rejects.
 */
export function beginEarlySearchIndex(out: string, pathnames: readonly string[], options: Omit<SearchIndexOptions, 'early' | 'processes' | 'widenAfter'>): EarlySearchIndex | null {
  const pages = pathnames.map(searchPageOf).filter((p): p is string => p !== null);
  if (!pages.length) return null;
  const left = new Map<string, number>();
  const partOf = new Map<string, string>();
  for (const part of planSearchParts(pages, options.maxPages ?? readSearchPartMaxPages(process.env))) {
    left.set(part.name, part.pages.length);
    for (const page of part.pages) partOf.set(page, part.name);
  }
  const gates = new Map<string, () => void>();
  const turns = createIdleTurns();
  const queue: string[] = [];
  let taker: ((page: string | undefined) => void) | null = null;
  let stopped = false;
  let stopIndex = (): void => {};
  let last: string | null = null;
  const written = (page: string): void => {
    const part = partOf.get(page);
    if (part === undefined) return;
    const n = (left.get(part) ?? 1) - 1;
    left.set(part, n);
    if (n === 0) gates.get(part)?.();
    if (taker) {
      const t = taker;
      taker = null;
      t(page);
    } else queue.push(page);
  };
  const result = buildSearchIndex(out, {
    ...options,
    early: {
      paths: pages,
      ready: (part) => (left.get(part.name) ? new Promise<void>((resolve) => gates.set(part.name, resolve)) : Promise.resolve()),
      turn: () => turns.turn(),
      written: () => (stopped ? Promise.resolve(undefined) : queue.length ? Promise.resolve(queue.shift()) : new Promise((resolve) => (taker = resolve))),
      stopped: () => stopped,
      onStop: (stop) => (stopIndex = stop),
    },
  }).catch(() => null);
  return {
    rendering(pathname) {
      if (stopped) return;
      if (last !== null) written(last);
      last = searchPageOf(pathname);
    },
    idle: (on) => turns.idle(on),
    stop() {
      if (!stopped) {
        stopped = true;
        stopIndex();
        turns.free();
        taker?.(undefined);
        taker = null;
        queue.splice(0);
      }
      return result;
    },
  };
}

declare module '../machinery/registry.ts' {
  interface BuildRegistry {
    /**
     * Offered by the search integration when a build starts: begins the search index while a cold
     * build's pages are generated and wait for their charts (src/integrations/prerender-charts.ts
     * calls it with the paths in the order they are generated); null when it cannot.
     */
    searchEarly?: (pathnames: readonly string[]) => EarlySearchIndex | null;
  }
}

/** The Astro integration: runs `buildSearchIndex` over the output directory when a build is done, rebuilding only the parts whose pages changed. */
export function pagefindIntegration(): AstroIntegration {
  let memoFile = '';
  let trimmedDir = '';
  let outDir = '';
  let root = process.cwd();
  let early: { index: EarlySearchIndex; started: number } | null = null;
  return {
    name: 'gongkai-pagefind',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
        outDir = fileURLToPath(config.outDir);
        memoFile = fileURLToPath(new URL('pagefind-index.json', config.cacheDir));
        trimmedDir = fileURLToPath(new URL('pagefind-trimmed/', config.cacheDir));
      },
      'astro:build:start': () => {
        early = null;
        buildRegistry().searchEarly = (pathnames) => {
          if (!outDir || early) return null;
          const index = beginEarlySearchIndex(outDir, pathnames, {
            memo: isCacheOff('search-parts') ? null : readIndexMemo(memoFile),
            trimmedCache: resolveCacheDir('search-trimmed', trimmedDir),
            outDirName: nameInProject(root, outDir),
          });
          early = index && { index, started: performance.now() };
          return index;
        };
      },
      'astro:build:done': ({ dir, logger }) => {
        delete buildRegistry().searchEarly;
        const begun = early;
        early = null;
        const out = fileURLToPath(dir);
        const started = performance.now();
        // Begun before the files beside the pages are written (the next integration, on this thread,
        // src/integrations/endpoint-files.ts): Pagefind reads only the pages, so it indexes them on
        // the other core meanwhile, with one process until those files are written. The build's
        // last hook waits for it (src/integrations/build-phases.ts) and fails with it. An index
        // begun while the pages waited for their charts is stopped first: the index after the pages
        // starts from its memo, keeping the parts it wrote (their pages are as it read them).
        const indexing = (async () => {
          const last = isCacheOff('search-parts') ? null : readIndexMemo(memoFile);
          const first = begun ? await begun.index.stop() : null;
          const during = first ? first.parts.filter((p) => p.built) : [];
          if (begun) recordPhase('search-early', (performance.now() - begun.started) / 1000, undefined, { parts_during_pages: during.length, pages_during_pages: during.reduce((n, p) => n + p.pages, 0), pages_hashed: first ? Object.keys(first.memo.files).length : 0 });
          const memo = first && first.memo.outDir === nameInProject(root, out) ? mergeIndexMemos(last, first.memo) : last;
          const { pages, parts, memo: next, whole: lastWhole } = await buildSearchIndex(out, {
            memo,
            trimmedCache: resolveCacheDir('search-trimmed', trimmedDir),
            outDirName: nameInProject(root, out),
            ...(buildRegistry().endpointFilesWritten ? { widenAfter: buildRegistry().endpointFilesWritten } : {}),
          });
          const whole = lastWhole.length || !first ? lastWhole : first.whole;
          const earlyBuilt = new Set(during.map((p) => p.name));
          const built = parts.filter((p) => p.built || earlyBuilt.has(p.name));
          recordPhase('search', (performance.now() - started) / 1000, undefined, { pages, parts: parts.length, pages_indexed: built.reduce((n, p) => n + p.pages, 0), parts_indexed: built.length });
          writeFileWhole(memoFile, JSON.stringify(next));
          // Still indexed right, only slower: worth knowing when a page's markup stopped being what the trimmer follows.
          if (whole.length) logger.warn(`${whole.length} page(s) indexed untrimmed (slower, same index), e.g. ${whole[0]!.path}: ${whole[0]!.reason}`);
          logger.info(built.length ? `indexed ${built.reduce((n, p) => n + p.pages, 0)} pages for search in ${built.length} of ${parts.length} parts (${pages} pages in all${during.length ? `, ${during.length} parts while the pages waited for their charts` : ''})` : `search index unchanged (${pages} pages in ${parts.length} parts)`);
        })();
        // Handled where it is awaited; this only keeps a failure from counting as unhandled before then.
        indexing.catch(() => {});
        (buildRegistry().cleanups ??= []).push(indexing);
      },
    },
  };
}
