/** /robots.txt: every page may be crawled; points at the sitemap. */
import type { APIRoute } from 'astro';
import { renderRobotsTxt } from '../views/sitemap.ts';

/** Serves robots.txt for the configured site address. */
export const GET: APIRoute = ({ site }) => {
  if (!site) throw new Error('robots.txt: astro.config.mjs must set `site`');
  return new Response(renderRobotsTxt(site.href), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
