/** `/embed/<id>/<chart>/chart.svg`: the chart with its title and source line, every text outlined. */
import type { APIRoute } from 'astro';
import { formatSiteAddress } from '../../../../downloads/download-response.ts';
import { makeChartSvg } from '../../../../embeds/build-images.ts';
import { buildChartImageText } from '../../../../embeds/embed-view.ts';
import { renderReportChart, type ReportChartProps } from '../../../../views/report-chart-files.ts';
import { getChartCache } from '../../../../machinery/chart-cache.ts';
import { reportChartPaths } from '../../../../routes/routes.ts';

export const getStaticPaths = reportChartPaths;

export const GET: APIRoute<ReportChartProps> = ({ params, props, site }) => {
  const chart = renderReportChart(props.report, params.chart ?? '', getChartCache(), true);
  const svg = makeChartSvg(chart.wide?.svg ?? null, buildChartImageText(props.report.meta, chart, formatSiteAddress(site)));
  return new Response(svg, { headers: { 'Content-Type': 'image/svg+xml' } });
};
