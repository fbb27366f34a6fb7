/** `/embed/<id>/<chart>/oembed.json`: the oEmbed (rich) response of a chart's embed page. */
import type { APIRoute } from 'astro';
import { formatSiteAddress } from '../../../../downloads/download-response.ts';
import { readSvgSize } from '../../../../embeds/chart-image.ts';
import { CHART_PNG_ZOOM, makeChartSvgAsync } from '../../../../embeds/build-images.ts';
import { buildChartImageText, buildOembed } from '../../../../embeds/embed-view.ts';
import { listReportChartPaths, renderReportChart, type ReportChartProps } from '../../../../embeds/report-chart-files.ts';

export const getStaticPaths = listReportChartPaths;

export const GET: APIRoute<ReportChartProps> = async ({ params, props, site }) => {
  const address = formatSiteAddress(site);
  const chart = renderReportChart(props.report, params.chart ?? '', true);
  const image = readSvgSize(new TextDecoder().decode(await makeChartSvgAsync(chart.wide?.svg ?? null, buildChartImageText(props.report.meta, chart, address))));
  const json = buildOembed(props.report.meta, chart, address, image, CHART_PNG_ZOOM);
  return new Response(`${JSON.stringify(json, null, 2)}\n`, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
};
