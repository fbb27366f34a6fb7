/**
 * `/data/<file>.csv`: the site-wide CSVs (reports, active, requests, appeals). The site-wide
 * cells.csv is too large for an endpoint's buffered body and is written by the streamed-downloads
 * integration after the pages (src/machinery/streamed-list.ts); only the dev server serves it here.
 */
import type { APIRoute } from 'astro';
import { formatSiteAddress, makeDownloadResponse } from '../../downloads/download-response.ts';
import { findDownloadFile } from '../../downloads/site-downloads.ts';
import { getBuildDownloads } from '../../machinery/download-stats.ts';
import { siteCsvPaths } from '../../routes/routes.ts';
import { siteCsvPath, type SiteFileName } from '../../site/paths.ts';

export const getStaticPaths = siteCsvPaths;

export const GET: APIRoute = ({ params, site }) => {
  const downloads = getBuildDownloads(formatSiteAddress(site));
  return makeDownloadResponse(findDownloadFile(downloads, siteCsvPath((params.file ?? '') as SiteFileName)));
};
