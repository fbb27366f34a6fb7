/** `/reports/<id>/cells.csv`: every cell of one report in the tidy long layout. */
import type { APIRoute } from 'astro';
import { formatSiteAddress, makeDownloadResponse } from '../../../downloads/download-response.ts';
import { findDownloadFile, getSiteDownloads } from '../../../downloads/site-downloads.ts';
import { getSiteContent } from '../../../loaders/site-content.ts';
import { getDownloadStatsMemo } from '../../../machinery/download-stats.ts';
import { reportCellsPaths } from '../../../routes/routes.ts';
import { reportCellsCsvPath } from '../../../site/paths.ts';

export const getStaticPaths = reportCellsPaths;

export const GET: APIRoute = ({ params, site }) => {
  const downloads = getSiteDownloads(getSiteContent(), formatSiteAddress(site), getDownloadStatsMemo());
  return makeDownloadResponse(findDownloadFile(downloads, reportCellsCsvPath(params.id ?? '')));
};
