/**
 * The files beside the pages that are not pages, listed for the endpoint-files integration
 * (src/integrations/endpoint-files.ts), which writes them into the output after the pages, a folder
 * at a time: each report's CSV downloads, and each chart embed's `chart.svg`, `data.csv` and
 * `oembed.json` (report, jurisdiction, department and comparison charts). They are most of a build's
 * files (16 of a report's 22), and Astro generates a file one at a time through its whole per-path
 * machinery (a request, a response read whole, a `mkdir`, the file written twice: into the output and
 * into its incremental cache). Their routes serve them on the dev server with the same functions,
 * so the bytes are the same (src/routes/routes.ts lists their paths only there).
 *
 * The pages' bundle offers the list (offerEndpointFiles, called by the script the integration injects
 * into every page; see src/machinery/registry.ts): only the bundle's copy of the code finds the charts in the
 * build's chart cache. Each folder carries the cache key its route would have had, from the same path
 * lists, and its files' bodies are made only when asked for.
 */
import { formatSiteAddress } from '../downloads/download-response.ts';
import { findDownloadFile } from '../downloads/site-downloads.ts';
import { TABLE_IDS } from '../form/forms.ts';
import { getBuildDownloads } from '../machinery/download-stats.ts';
import { getChartCache } from '../machinery/chart-cache.ts';
import { buildRegistry } from '../machinery/registry.ts';
import {
  compareChartPaths,
  departmentCompareChartPaths,
  jurisdictionChartPaths,
  publisherChartPaths,
  reportCellsPaths,
  reportChartPaths,
} from '../routes/routes.ts';
import { compareEmbedPath, departmentCompareEmbedPath, embedPath, jurisdictionEmbedPath, publisherEmbedPath, reportCellsCsvPath, reportPath, reportTableCsvPath } from '../site/paths.ts';
import type { ChartPlace } from '../views/page-chart-homes.ts';
import { makePlaceChartFiles } from '../views/page-chart-files.ts';
import { CHART_FILE_NAMES, makeReportChartFiles, type ReportChartProps } from '../views/report-chart-files.ts';

/**
 * A folder of files written together: its URL path (ending with `/`), the cache key of its route's
 * path, its files' names, and their bytes in that order, made together when called (a chart's image
 * and oEmbed share one rendering of it).
 */
export interface EndpointFolder {
  readonly dir: string;
  readonly cacheKey: string;
  readonly names: readonly string[];
  readonly make: () => ReadonlyArray<string | Uint8Array>;
}

declare module '../machinery/registry.ts' {
  interface BuildRegistry {
    /** Offered by the pages' bundle (offerEndpointFiles), called by the endpoint-files integration. */
    endpointFiles?: EndpointFileHooks;
  }
}

/** What the pages' bundle offers the integration. */
export interface EndpointFileHooks {
  /** The folders of files beside the pages of the build's content, for the site's address. */
  readonly list: (site: URL | undefined) => EndpointFolder[];
}

/** The name of a file in its folder: the part of its URL path after `dir`. */
function nameIn(dir: string, path: string): string {
  if (!path.startsWith(dir)) throw new Error(`${path} is not in ${dir}`);
  return path.slice(dir.length);
}

/** Lists every folder of files beside the pages: each report's CSVs and its charts' files, then the other pages' chart files. */
export function listEndpointFolders(siteUrl: URL | undefined): EndpointFolder[] {
  const site = formatSiteAddress(siteUrl);
  const cache = getChartCache();
  const folders: EndpointFolder[] = [];
  for (const { params, cacheKey } of reportCellsPaths()) {
    const id = String(params.id);
    const dir = reportPath(id);
    const paths = [reportCellsCsvPath(id), ...TABLE_IDS.map((table) => reportTableCsvPath(id, table))];
    folders.push({ dir, cacheKey: String(cacheKey), names: paths.map((path) => nameIn(dir, path)), make: () =>
        paths.map((path) => {
          const file = findDownloadFile(getBuildDownloads(site), path);
          // A report's cells.csv from the tidy lines the build has kept, not generated again.
          return file.kept?.() ?? [...file.pieces()].join('');
        }),
    });
  }
  for (const { params, props, cacheKey } of reportChartPaths()) {
    const { report } = props as unknown as ReportChartProps;
    const chart = String(params.chart);
    folders.push({
      dir: embedPath(report.meta.id, chart),
      cacheKey: String(cacheKey),
      names: CHART_FILE_NAMES,
      make: () => makeReportChartFiles(report, chart, site, cache),
    });
  }
  const places: Array<[() => ReturnType<typeof jurisdictionChartPaths>, (params: Record<string, string | undefined>) => string]> = [
    [jurisdictionChartPaths, (p) => jurisdictionEmbedPath(String(p.code), String(p.chart))],
    [publisherChartPaths, (p) => publisherEmbedPath(String(p.key), String(p.chart))],
    [compareChartPaths, (p) => compareEmbedPath(String(p.year), String(p.metric), String(p.chart))],
    [departmentCompareChartPaths, (p) => departmentCompareEmbedPath(String(p.year), String(p.metric), String(p.agency), String(p.chart))],
  ];
  for (const [paths, dirOf] of places) {
    for (const { params, props, cacheKey } of paths()) {
      const { place } = props as unknown as { place: ChartPlace };
      const chart = String(params.chart);
      folders.push({
        dir: dirOf(params as Record<string, string | undefined>),
        cacheKey: String(cacheKey),
        names: CHART_FILE_NAMES,
        make: () => makePlaceChartFiles(place, chart, site, cache),
      });
    }
  }
  return folders;
}

/** Offers the list of this copy of the code to the integration, in the build registry. */
export function offerEndpointFiles(): void {
  buildRegistry().endpointFiles = { list: listEndpointFolders };
}
