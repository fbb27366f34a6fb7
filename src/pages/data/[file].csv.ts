/** `/data/<file>.csv`: the site-wide CSVs (cells, reports, active, requests, appeals). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { siteCsvPath, type SiteFileName } from '../../downloads/download-paths.ts';
import { formatSiteAddress, makeDownloadResponse } from '../../downloads/download-response.ts';
import { SITE_RESOURCES } from '../../downloads/fields.ts';
import { findDownloadFile, getSiteDownloads } from '../../downloads/site-downloads.ts';
import { getSiteContent } from '../../loaders/site-content.ts';
import { getDownloadStatsMemo } from '../../loaders/download-stats.ts';
import { getPageKeys } from '../../views/page-keys.ts';

export const getStaticPaths = (() => {
  const key = getPageKeys(getSiteContent()).site();
  return SITE_RESOURCES.map((r) => ({ params: { file: r.name }, cacheKey: key }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params, site }) => {
  const downloads = getSiteDownloads(getSiteContent(), formatSiteAddress(site), getDownloadStatsMemo());
  return makeDownloadResponse(findDownloadFile(downloads, siteCsvPath((params.file ?? '') as SiteFileName)));
};
