/** `/embed/<id>/<chart>/chart.png`: the standalone chart image as PNG, at twice its size. */
import type { APIRoute } from 'astro';
import { formatSiteAddress } from '../../../../downloads/download-response.ts';
import { makeChartPngAsync } from '../../../../embeds/build-images.ts';
import { buildChartImageText } from '../../../../embeds/embed-view.ts';
import { listReportChartPaths, renderReportChart, type ReportChartProps } from '../../../../embeds/report-chart-files.ts';

export const getStaticPaths = listReportChartPaths;

export const GET: APIRoute<ReportChartProps> = async ({ params, props, site }) => {
  const chart = renderReportChart(props.report, params.chart ?? '', true);
  const png = await makeChartPngAsync(chart.wide?.svg ?? null, buildChartImageText(props.report.meta, chart, formatSiteAddress(site)));
  return new Response(png, { headers: { 'Content-Type': 'image/png' } });
};
