/** `/reports/<id>/cells.csv`: every cell of one report in the tidy long layout. A build writes these after the pages (src/integrations/endpoint-files.ts); the dev server serves them here. */
import type { APIRoute } from 'astro';
import { formatSiteAddress, makeDownloadResponse } from '../../../downloads/download-response.ts';
import { findDownloadFile } from '../../../downloads/site-downloads.ts';
import { getBuildDownloads } from '../../../machinery/download-stats.ts';
import { reportCellsFilePaths } from '../../../routes/routes.ts';
import { reportCellsCsvPath } from '../../../site/paths.ts';

export const getStaticPaths = reportCellsFilePaths;

export const GET: APIRoute = ({ params, site }) => {
  const downloads = getBuildDownloads(formatSiteAddress(site));
  return makeDownloadResponse(findDownloadFile(downloads, reportCellsCsvPath(params.id ?? '')));
};
