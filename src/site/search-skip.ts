/**
 * The marks a page writes around what search skips: the inside of each chart's figure, each table
 * and the data-quality panel, every one an element the search index excludes anyway
 * (src/integrations/pagefind.ts, INDEX_CONFIG). The components that render them write the marks
 * (src/components/SearchSkip.astro), so the build cuts those insides out by slicing before it hands
 * a page to Pagefind, which then parses only what it indexes (src/integrations/pagefind-trim.ts).
 */
export const SEARCH_SKIP_START = '<!--search-skip-->';
export const SEARCH_SKIP_END = '<!--/search-skip-->';
