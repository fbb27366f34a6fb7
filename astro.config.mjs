// @ts-check
import { readFileSync } from 'node:fs';
import { defineConfig } from 'astro/config';
import { buildPhasesIntegrations } from './src/integrations/build-phases.ts';
import { endpointFilesIntegration } from './src/integrations/endpoint-files.ts';
import { incrementalBuildIntegration } from './src/integrations/incremental-build.ts';
import { portableRouteHashesIntegration } from './src/integrations/portable-route-hashes.ts';
import { pagefindIntegration } from './src/integrations/pagefind.ts';
import { prerenderChartsIntegration } from './src/integrations/prerender-charts.ts';
import { siteAddressIntegration } from './src/site/site-address-integration.ts';
import { resolveSiteAddress } from './src/site/site-address.ts';
import { sitemapIntegration } from './src/integrations/sitemap.ts';
import { streamedDownloadsIntegration } from './src/integrations/streamed-downloads.ts';

// No network at build time: Astro's anonymous usage reports are off for every command that loads
// this config (they are sent after the config is read, and also when it fails to load). Astro's
// first-run notice that it collects them comes before the config is read, so the npm scripts that
// start Astro (build, dev, preview) also set the variable, and a newcomer is not told otherwise.
process.env.ASTRO_TELEMETRY_DISABLED = '1';

// The public address of the deployed site (absolute links, embeds, citations, feeds, images): the
// "url" of site.config.json, or GONGKAI_SITE_URL. A deploy build (GONGKAI_DEPLOY=1) refuses a
// placeholder address; any other build with one warns (src/site/site-address.ts).
const address = resolveSiteAddress(readFileSync(new URL('./site.config.json', import.meta.url), 'utf8'), process.env);
const [phasesStart, phasesEnd] = buildPhasesIntegrations();

export default defineConfig({
  site: address.url,
  output: 'static',
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'always' },
  compressHTML: true,
  devToolbar: { enabled: false },
  // Incremental builds: a path whose cache key (src/views/page-keys.ts) and route code are unchanged
  // is not rendered again and its file is left in the output, which is therefore not emptied first;
  // the incremental-build integration removes the files of paths that are gone.
  cacheDir: './.cache/astro',
  experimental: { incrementalBuild: true },
  vite: { build: { emptyOutDir: false } },
  // Every build renders the charts the cache lacks on every core first, and writes the sitemap, the
  // downloads too large for an endpoint and the files beside the pages that are not pages (after the
  // removal of gone paths) and the Pagefind search index into its output directory; the search index
  // is begun before the files beside the pages, on the other core, and the last hook waits for it. phasesStart and phasesEnd time the build's phases for the
  // benchmarks (src/integrations/build-phases.ts); the site address's warning comes last, so that a
  // build with a placeholder address ends with it.
  integrations: [phasesStart, incrementalBuildIntegration(), portableRouteHashesIntegration(), prerenderChartsIntegration(), sitemapIntegration(), streamedDownloadsIntegration(), pagefindIntegration(), endpointFilesIntegration(), phasesEnd, siteAddressIntegration(address)],
});
