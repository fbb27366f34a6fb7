// @ts-check
import { defineConfig } from 'astro/config';

// The public address of the deployed site, used for canonical URLs, the sitemap and feeds.
const site = process.env.GONGKAI_SITE_URL ?? 'https://gongkai.example.org';

export default defineConfig({
  site,
  output: 'static',
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'always' },
  compressHTML: true,
  devToolbar: { enabled: false },
});
