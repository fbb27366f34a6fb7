/**
 * The search page: reads `?q=`, matches jurisdiction names, runs Pagefind (loaded only here) and
 * lists the hits. The form is a plain GET form, so a search also works by reloading the page.
 */
import type { SearchMetric, SearchName, SearchNameReport } from '../views/search-view.ts';
import { buildMetricHits, buildNameHits, describePage, keepLiteral, matchJurisdictions, mergeHits, orderByLiteralMatch, searchPlaceReportsPath, titlePage, type SearchHit } from './search-rank.ts';

/** The part of Pagefind's browser API this page uses. */
interface Pagefind {
  init(): Promise<void>;
  mergeIndex(indexPath: string): Promise<void>;
  search(query: string): Promise<{ results: { data(): Promise<{ url: string; excerpt: string; content: string; meta: { title?: string } }> }[] }>;
}

const MAX_TEXT_HITS = 20;
/** The manifest of the index's parts (src/integrations/pagefind-parts.ts): bundle directories relative to it, the first with the search code. */
const MANIFEST_PATH = '/pagefind/parts.json';
const form = document.querySelector<HTMLFormElement>('#search-form');
const input = document.querySelector<HTMLInputElement>('#search-q');
const status = document.querySelector<HTMLElement>('#search-status');
const list = document.querySelector<HTMLOListElement>('#search-results');
const names = JSON.parse(document.querySelector('#search-names')?.textContent ?? '[]') as SearchName[];
const metrics = JSON.parse(document.querySelector('#search-metrics')?.textContent ?? '[]') as SearchMetric[];
let pagefind: Promise<Pagefind> | null = null;
let latest = 0;
/** The report lists of the jurisdictions named so far, fetched once each. */
const placeReports = new Map<string, Promise<SearchNameReport[]>>();

/** Fetches the reports of a jurisdiction a query names (none when it has none); a failed fetch is tried again by the next search. */
function loadPlaceReports(place: SearchName): Promise<SearchNameReport[]> {
  if (place.reports === 0) return Promise.resolve([]);
  let list = placeReports.get(place.code);
  if (!list) {
    list = fetch(searchPlaceReportsPath(place.code)).then(async (response) => {
      if (!response.ok) throw new Error(`${searchPlaceReportsPath(place.code)}: ${response.status}`);
      return (await response.json()) as SearchNameReport[];
    });
    list.catch(() => placeReports.delete(place.code));
    placeReports.set(place.code, list);
  }
  return list;
}

/** Loads Pagefind once: the first part's bundle, with every other part of the index merged into it, so a search covers them all. */
function loadPagefind(): Promise<Pagefind> {
  pagefind ??= (async () => {
    const manifestUrl = new URL(MANIFEST_PATH, location.href);
    const response = await fetch(manifestUrl);
    if (!response.ok) throw new Error(`${MANIFEST_PATH}: ${response.status}`);
    const parts = ((await response.json()) as { parts: string[] }).parts.map((p) => new URL(p, manifestUrl).href);
    const [first, ...rest] = parts;
    if (!first) throw new Error(`${MANIFEST_PATH}: no part`);
    const pf = (await import(/* @vite-ignore */ new URL('pagefind.js', first).href)) as Pagefind;
    await pf.init();
    // By path: a part given by full URL would give its hits full URLs (Pagefind's worker takes the base URL from it).
    await Promise.all(rest.map((part) => pf.mergeIndex(new URL(part).pathname)));
    return pf;
  })();
  // A failed load is tried again by the next search.
  pagefind.catch(() => (pagefind = null));
  return pagefind;
}

/** Copies Pagefind's excerpt into `target` keeping only text and `<mark>`, so page text is never parsed as markup here. */
function appendExcerpt(target: HTMLElement, html: string): void {
  const template = document.createElement('template');
  template.innerHTML = html;
  for (const node of template.content.childNodes) {
    if (node.nodeName === 'MARK') {
      const mark = document.createElement('mark');
      mark.textContent = node.textContent;
      target.append(mark);
    } else target.append(node.textContent ?? '');
  }
}

/** Renders the hit list. */
function renderHits(hits: readonly SearchHit[]): void {
  if (!list) return;
  list.replaceChildren(
    ...hits.map((hit) => {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = hit.href;
      a.textContent = hit.title;
      const context = document.createElement('span');
      context.className = 'context';
      context.textContent = hit.context;
      li.append(a, context);
      if (hit.excerpt) {
        const p = document.createElement('p');
        appendExcerpt(p, hit.excerpt);
        li.append(p);
      }
      return li;
    }),
  );
}

/** Runs one search and shows it, unless a newer search has started meanwhile. */
async function runSearch(query: string): Promise<void> {
  const run = ++latest;
  const q = query.trim();
  if (!q) {
    renderHits([]);
    if (status) status.textContent = '';
    return;
  }
  if (status) status.textContent = '正在搜索……';
  // The named jurisdictions' report lists load while Pagefind searches; without a list a jurisdiction is listed alone.
  const places = matchJurisdictions(names, q);
  const lists = Promise.all(places.map((p) => loadPlaceReports(p).catch(() => [])));
  let textHits: SearchHit[] = [];
  let literal = 0;
  let failed = false;
  try {
    const pf = await loadPagefind();
    const found = await pf.search(q);
    const data = await Promise.all(found.results.slice(0, MAX_TEXT_HITS).map((r) => r.data()));
    const ordered = orderByLiteralMatch(data, q);
    literal = ordered.literal;
    textHits = keepLiteral(ordered).map((d) => ({ href: d.url, title: titlePage(d.url, d.meta.title ?? '', names), context: describePage(d.url, names), excerpt: d.excerpt }));
  } catch {
    failed = true;
  }
  const reportsByCode = new Map((await lists).map((list, i) => [places[i]?.code ?? '', list]));
  if (run !== latest) return;
  const nameHits = [...buildNameHits(names, q, (code) => reportsByCode.get(code) ?? []), ...buildMetricHits(metrics, q)];
  const hits = mergeHits(nameHits, textHits);
  renderHits(hits);
  if (status) status.textContent = describeOutcome(q, hits.length, nameHits.length + literal, failed);
}

/** The status line after a search: how many pages, and whether they hold the words as typed. */
function describeOutcome(q: string, total: number, exact: number, failed: boolean): string {
  if (failed) return total ? `“${q}”：找到 ${total} 个名称相符的页面（全文搜索暂时无法使用）。` : '全文搜索暂时无法使用，请稍后再试，或按地区浏览。';
  if (total === 0) return `没有找到与“${q}”相关的页面。可以换个说法，或按地区浏览。`;
  if (exact === 0) return `没有找到完整包含“${q}”的页面；下面 ${total} 个页面包含其中部分词语。`;
  return `“${q}”：找到 ${total} 个页面。`;
}

if (form && input) {
  const initial = new URLSearchParams(location.search).get('q') ?? '';
  input.value = initial;
  if (initial) void runSearch(initial);
  /** Keeps the address in step with the query, so a search can be shared, reloaded or gone back to. */
  const followQuery = (): void => {
    const url = new URL(location.href);
    const q = input.value.trim();
    if (q) url.searchParams.set('q', q);
    else url.searchParams.delete('q');
    if (url.href !== location.href) history.replaceState(null, '', url);
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    followQuery();
    void runSearch(input.value);
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      followQuery();
      void runSearch(input.value);
    }, 250);
  });
}
