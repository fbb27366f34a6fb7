/**
 * The global key under which the pages' bundle offers the chart pre-render pass its planner (see
 * chart-cache.ts); its own module so the integration can read it without loading the chart code.
 */

/** The `Symbol.for` name of the ChartPrerenderHooks on `globalThis`. */
export const PRERENDER_HOOKS_KEY = 'gongkai.chartPrerender';
