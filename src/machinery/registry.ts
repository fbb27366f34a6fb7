/**
 * What one build process shares between the copies of the build's modules: the one `globalThis`
 * slot of the project, typed.
 *
 * Why a global and not a module singleton: Astro loads the code of one build process twice, in two
 * module graphs that share nothing but `globalThis`: once with the config and its integrations
 * (src/integrations/), and again in the bundle that prerenders the pages, with its own copy of every
 * module the pages import. The integrations need what only the bundle's copy holds (the content the
 * pages loaded, once per copy, and the page keys computed from it, which the chart cache's keys are
 * made of), and counters and scratch directories must be one per process whichever copy touches them.
 *
 * The bundle offers its hooks by calling a function (offerChartPrerender in chart-cache.ts,
 * offerStreamedDownloads in streamed-list.ts) from a script the integration injects into every page
 * (`injectScript('page-ssr', …)`), so no module does anything when it is imported.
 */
import type { ChartStatsState } from './build-stats.ts';
import type { ChartPrerenderHooks } from './chart-cache.ts';
import type { CacheName } from './cache-switch.ts';
import type { EndpointFileHooks } from './endpoint-list.ts';
import type { StreamedDownloadHooks } from './streamed-list.ts';

/** Everything in the slot; each entry is created by the module that owns it. */
export interface BuildRegistry {
  /** Offered by the pages' bundle (chart-cache.ts), called by the chart pre-render pass. */
  chartPrerender?: ChartPrerenderHooks;
  /** Offered by the pages' bundle (streamed-list.ts), called by the streamed-downloads integration. */
  streamedDownloads?: StreamedDownloadHooks;
  /** Offered by the pages' bundle (endpoint-list.ts), called by the endpoint-files integration. */
  endpointFiles?: EndpointFileHooks;
  /** The chart cache's counters of this process, whichever copy of chart-cache.ts counts (build-stats.ts). */
  chartStats?: ChartStatsState;
  /** The scratch directory of each cache that is off in this build (cache-switch.ts). */
  cacheScratch?: Map<CacheName, string>;
  /** Where the chart workers make the report charts' standalone SVGs ahead, and how many the pages took (src/embeds/build-images.ts). */
  premadeChartImages?: { readonly dir: string; used: number };
  /** Removals started during the build that its last hook waits for (src/integrations/build-phases.ts). */
  cleanups?: Promise<unknown>[];
}

const SLOT = Symbol.for('gongkai.build');

/** This process's registry, created on first use. */
export function buildRegistry(): BuildRegistry {
  const g = globalThis as { [SLOT]?: BuildRegistry };
  g[SLOT] ??= {};
  return g[SLOT];
}

/**
 * The source of a page-ssr script (Astro's `injectScript('page-ssr', …)`) that imports `file` (an
 * absolute path) and calls its export `name`, so the pages' bundle offers its hooks when a page loads.
 */
export function offerScript(file: string, name: string): string {
  return `import { ${name} } from ${JSON.stringify(file)};\n${name}();\n`;
}
