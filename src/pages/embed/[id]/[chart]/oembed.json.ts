/** `/embed/<id>/<chart>/oembed.json`: the oEmbed (rich) response of a chart's embed page. A build writes these after the pages (src/integrations/endpoint-files.ts); the dev server serves them here. */
import type { APIRoute } from 'astro';
import { formatSiteAddress } from '../../../../downloads/download-response.ts';
import { writeReportChartOembed, type ReportChartProps } from '../../../../views/report-chart-files.ts';
import { getChartCache } from '../../../../machinery/chart-cache.ts';
import { reportChartFilePaths } from '../../../../routes/routes.ts';

export const getStaticPaths = reportChartFilePaths;

export const GET: APIRoute<ReportChartProps> = ({ params, props, site }) =>
  new Response(writeReportChartOembed(props.report, params.chart ?? '', formatSiteAddress(site), getChartCache()), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
