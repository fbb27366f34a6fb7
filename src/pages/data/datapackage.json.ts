/** `/data/datapackage.json`: the Frictionless Data Package descriptor of the site-wide CSVs. */
import type { APIRoute } from 'astro';
import { formatSiteAddress, makeDownloadResponse } from '../../downloads/download-response.ts';
import { getSiteDownloads } from '../../downloads/site-downloads.ts';
import { getSiteContent } from '../../loaders/site-content.ts';
import { getDownloadStatsMemo } from '../../machinery/download-stats.ts';

export const GET: APIRoute = ({ site }) => makeDownloadResponse(getSiteDownloads(getSiteContent(), formatSiteAddress(site), getDownloadStatsMemo()).datapackage);
