/** `/embed/<id>/<chart>/data.csv`: the numbers one chart of a report draws. A build writes these after the pages (src/integrations/endpoint-files.ts); the dev server serves them here. */
import type { APIRoute } from 'astro';
import { writeReportChartCsv, type ReportChartProps } from '../../../../views/report-chart-files.ts';
import { reportChartFilePaths } from '../../../../routes/routes.ts';

export const getStaticPaths = reportChartFilePaths;

export const GET: APIRoute<ReportChartProps> = ({ params, props }) => new Response(writeReportChartCsv(props.report, params.chart ?? ''), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
