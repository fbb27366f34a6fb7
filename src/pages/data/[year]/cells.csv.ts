/**
 * `/data/<year>/cells.csv`: every cell of one year's reports in the tidy long layout, as in
 * `/data/cells.csv`. Only the dev server serves it here: a build writes it piece by piece after the
 * pages (src/machinery/streamed-list.ts), since an endpoint's body is held whole.
 */
import type { APIRoute } from 'astro';
import { formatSiteAddress, makeDownloadResponse } from '../../../downloads/download-response.ts';
import { findDownloadFile } from '../../../downloads/site-downloads.ts';
import { getBuildDownloads } from '../../../machinery/download-stats.ts';
import { yearCellsPaths } from '../../../routes/routes.ts';
import { yearCellsCsvPath } from '../../../site/paths.ts';

export const getStaticPaths = yearCellsPaths;

export const GET: APIRoute = ({ params, site }) => {
  const downloads = getBuildDownloads(formatSiteAddress(site));
  return makeDownloadResponse(findDownloadFile(downloads, yearCellsCsvPath(params.year ?? '')));
};
