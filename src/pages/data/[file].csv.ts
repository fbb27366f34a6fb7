/**
 * `/data/<file>.csv`: the site-wide CSVs (cells, reports, active, requests, appeals), on the dev
 * server only. A build writes them after the pages (STREAMED_SITE_PATHS in src/routes/routes.ts):
 * measured into the download stash, then moved into the output by the streamed-downloads
 * integration (src/machinery/streamed-list.ts), never read whole through an endpoint's Response.
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
