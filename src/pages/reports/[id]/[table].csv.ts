/** `/reports/<id>/<table>.csv`: one table of one report, with the printed form's Chinese labels. A build writes these after the pages (src/integrations/endpoint-files.ts); the dev server serves them here. */
import type { APIRoute } from 'astro';
import { formatSiteAddress, makeDownloadResponse } from '../../../downloads/download-response.ts';
import { findDownloadFile } from '../../../downloads/site-downloads.ts';
import { TABLE_IDS } from '../../../form/forms.ts';
import { getBuildDownloads } from '../../../machinery/download-stats.ts';
import { reportTableFilePaths } from '../../../routes/routes.ts';
import { reportTableCsvPath } from '../../../site/paths.ts';

export const getStaticPaths = reportTableFilePaths;

export const GET: APIRoute = ({ params, site }) => {
  const downloads = getBuildDownloads(formatSiteAddress(site));
  return makeDownloadResponse(findDownloadFile(downloads, reportTableCsvPath(params.id ?? '', (params.table ?? '') as (typeof TABLE_IDS)[number])));
};
