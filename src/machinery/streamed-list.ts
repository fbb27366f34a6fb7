/**
 * The downloads too large for an Astro endpoint: Astro reads an endpoint's whole body into memory
 * before writing it, and the site-wide cells.csv is about 37 KB a report (740 MB at 20,000 reports,
 * held twice while it is joined), and a year's cells.csv is that file's share of the year (about 100 MB a
 * year at 20,000 reports); the other site-wide CSVs (the list of reports, the wide tables) are
 * written the same way, so that no build reads them back from an endpoint's Response either. The pages' bundle offers them (offerStreamedDownloads, called by the
 * script the streamed-downloads integration injects into every page; see registry.ts) to that
 * integration, which writes them to the output piece by piece once the pages are generated
 * (src/integrations/streamed-downloads.ts).
 */
import { formatSiteAddress } from '../downloads/download-response.ts';
import { findDownloadFile, type DownloadFile } from '../downloads/site-downloads.ts';
import { getBuildDownloads } from './download-stats.ts';
import { buildRegistry } from './registry.ts';
import { STREAMED_SITE_PATHS } from '../routes/routes.ts';

declare module './registry.ts' {
  interface BuildRegistry {
    /** Offered by the pages' bundle, called by the streamed-downloads integration. */
    streamedDownloads?: StreamedDownloadHooks;
  }
}

/** What the pages' bundle offers the integration. */
export interface StreamedDownloadHooks {
  /** The streamed downloads of the build's content, for the site's address. */
  readonly list: (site: URL | undefined) => DownloadFile[];
  /**
   * Describes the build's downloads now, once the paths are listed (the content and its keys are
   * loaded): so the tidy files' worker thread starts measuring before the pages (see getDownloadStatsMemo).
   */
  readonly begin: (site: URL | undefined) => void;
}

/** Lists the streamed downloads of the build's content: their paths, sizes, hashes and pieces. */
function listStreamedDownloads(site: URL | undefined): DownloadFile[] {
  const downloads = getBuildDownloads(formatSiteAddress(site));
  return [...STREAMED_SITE_PATHS.map((path) => findDownloadFile(downloads, path)), ...[...downloads.years.values()].map((y) => y.file)];
}

/** Offers the streamed downloads of this copy of the code to the integration, in the build registry. */
export function offerStreamedDownloads(): void {
  buildRegistry().streamedDownloads = { list: listStreamedDownloads, begin: (site) => void getBuildDownloads(formatSiteAddress(site)) };
}
