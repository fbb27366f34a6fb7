// @ts-check
import { defineConfig } from 'astro/config';
import { pagefindIntegration } from './src/integrations/pagefind.ts';
import { prerenderChartsIntegration } from './src/integrations/prerender-charts.ts';
import { sitemapIntegration } from './src/integrations/sitemap.ts';

// The public address of the deployed site, used for canonical URLs, the sitemap and feeds.
const site = process.env.GONGKAI_SITE_URL ?? 'https://gongkai.example.org';

export default defineConfig({
  site,
  output: 'static',
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'always' },
  compressHTML: true,
  devToolbar: { enabled: false },
  // Every build renders the charts the cache lacks on every core first, and writes the sitemap and
  // the Pagefind search index into its output directory.
  integrations: [prerenderChartsIntegration(), sitemapIntegration(), pagefindIntegration()],
});
