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
 *
 * This module imports nothing: each entry whose type belongs to a module above it is declared by
 * that module, beside the code that creates it (`declare module './registry.ts'`, which adds to the
 * one BuildRegistry type): `chartPrerender` (src/integrations/chart-plan.ts), `endpointFiles`
 * (src/integrations/endpoint-list.ts), `streamedDownloads` (streamed-list.ts), `chartStats`
 * (build-stats.ts), `cacheScratch` (cache-switch.ts).
 */

/** Everything in the slot; each entry is created by the module that owns it. */
export interface BuildRegistry {
  /** Work started during the build that its last hook waits for, failing the build with it (src/integrations/build-phases.ts): removals, the search index. */
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
