/** `/data/datapackage.json`: the Frictionless Data Package descriptor of the site-wide CSVs. */
import type { APIRoute } from 'astro';
import { formatSiteAddress, makeDownloadResponse } from '../../downloads/download-response.ts';
import { getBuildDownloads } from '../../machinery/download-stats.ts';

export const GET: APIRoute = ({ site }) => makeDownloadResponse(getBuildDownloads(formatSiteAddress(site)).datapackage);
