/** `/reports/<id>/cells.csv`: every cell of one report in the tidy long layout. */
import type { APIRoute } from 'astro';
import { formatSiteAddress, makeDownloadResponse } from '../../../downloads/download-response.ts';
import { findDownloadFile } from '../../../downloads/site-downloads.ts';
import { getBuildDownloads } from '../../../machinery/download-stats.ts';
import { reportCellsPaths } from '../../../routes/routes.ts';
import { reportCellsCsvPath } from '../../../site/paths.ts';

export const getStaticPaths = reportCellsPaths;

export const GET: APIRoute = ({ params, site }) => {
  const downloads = getBuildDownloads(formatSiteAddress(site));
  return makeDownloadResponse(findDownloadFile(downloads, reportCellsCsvPath(params.id ?? '')));
};
