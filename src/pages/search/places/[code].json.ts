/** `/search/places/<code>.json`: the reports of one jurisdiction, fetched by the search page when a query names it. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getSiteContent } from '../../../loaders/site-content.ts';
import { getPageKeys } from '../../../views/page-keys.ts';
import { buildSearchNames, buildSearchPlaceReports } from '../../../views/search-view.ts';

export const getStaticPaths = (() => {
  const content = getSiteContent();
  const keys = getPageKeys(content);
  return buildSearchNames(content.jurisdictions, content.reports)
    .filter((n) => n.reports > 0)
    .map((n) => ({ params: { code: n.code }, cacheKey: keys.jurisdiction(n.code) }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) =>
  new Response(`${JSON.stringify(buildSearchPlaceReports(getSiteContent().reports, params.code ?? ''))}\n`, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
