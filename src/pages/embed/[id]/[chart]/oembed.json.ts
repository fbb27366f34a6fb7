/** `/embed/<id>/<chart>/oembed.json`: the oEmbed (rich) response of a chart's embed page. */
import type { APIRoute } from 'astro';
import { formatSiteAddress } from '../../../../downloads/download-response.ts';
import { buildOembed } from '../../../../embeds/embed-view.ts';
import { renderReportChart, type ReportChartProps } from '../../../../views/report-chart-files.ts';
import { getChartCache } from '../../../../machinery/chart-cache.ts';
import { reportChartPaths } from '../../../../routes/routes.ts';

export const getStaticPaths = reportChartPaths;

export const GET: APIRoute<ReportChartProps> = ({ params, props, site }) => {
  const json = buildOembed(props.report.meta, renderReportChart(props.report, params.chart ?? '', getChartCache(), true), formatSiteAddress(site));
  return new Response(`${JSON.stringify(json, null, 2)}\n`, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
