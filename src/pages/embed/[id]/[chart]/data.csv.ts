/** `/embed/<id>/<chart>/data.csv`: the numbers one chart of a report draws. */
import type { APIRoute } from 'astro';
import { writeChartCsv } from '../../../../embeds/chart-csv.ts';
import { findReportChart, type ReportChartProps } from '../../../../views/report-chart-files.ts';
import { reportChartPaths } from '../../../../routes/routes.ts';

export const getStaticPaths = reportChartPaths;

export const GET: APIRoute<ReportChartProps> = ({ params, props }) =>
  new Response(writeChartCsv(findReportChart(props.report, params.chart ?? '').data), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
