/** `/search/places/<code>.json`: the reports of one jurisdiction, fetched by the search page when a query names it. */
import type { APIRoute } from 'astro';
import { getSiteContent } from '../../../loaders/site-content.ts';
import { buildSearchPlaceReports } from '../../../views/search-view.ts';
import { searchPlacePaths } from '../../../routes/routes.ts';

export const getStaticPaths = searchPlacePaths;

export const GET: APIRoute = ({ params }) =>
  new Response(`${JSON.stringify(buildSearchPlaceReports(getSiteContent().reports, params.code ?? ''))}\n`, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
