// @ts-check
import { defineConfig } from 'astro/config';
import { buildPhasesIntegrations } from './src/integrations/build-phases.ts';
import { imageWorkersIntegration } from './src/integrations/image-workers.ts';
import { incrementalBuildIntegration } from './src/integrations/incremental-build.ts';
import { pagefindIntegration } from './src/integrations/pagefind.ts';
import { prerenderChartsIntegration } from './src/integrations/prerender-charts.ts';
import { sitemapIntegration } from './src/integrations/sitemap.ts';
import { streamedDownloadsIntegration } from './src/integrations/streamed-downloads.ts';

// The public address of the deployed site, used for canonical URLs, the sitemap and feeds.
const site = process.env.GONGKAI_SITE_URL ?? 'https://gongkai.example.org';
const [phasesStart, phasesEnd] = buildPhasesIntegrations();

export default defineConfig({
  site,
  output: 'static',
  trailingSlash: 'always',
  // Several paths at a time, so that image endpoints wait on the image workers together while the
  // main thread renders other pages.
  build: { format: 'directory', inlineStylesheets: 'always', concurrency: 4 },
  compressHTML: true,
  devToolbar: { enabled: false },
  // Incremental builds: a path whose cache key (src/views/page-keys.ts) and route code are unchanged
  // is not rendered again and its file is left in the output, which is therefore not emptied first;
  // the incremental-build integration removes the files of paths that are gone.
  cacheDir: './.cache/astro',
  experimental: { incrementalBuild: true },
  vite: { build: { emptyOutDir: false } },
  // Every build renders the charts the cache lacks on every core first, and writes the sitemap, the
  // downloads too large for an endpoint (after the removal of gone paths) and the Pagefind search
  // index into its output directory. The first and last integrations time the build's phases
  // for the benchmarks (src/integrations/build-phases.ts).
  integrations: [phasesStart, incrementalBuildIntegration(), prerenderChartsIntegration(), imageWorkersIntegration(), sitemapIntegration(), streamedDownloadsIntegration(), pagefindIntegration(), phasesEnd],
});
