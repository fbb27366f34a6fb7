/** `/embed/publishers/<key>/<chart>/data.csv`: the numbers one chart of a department page draws. */
import type { APIRoute } from 'astro';
import { respondChartCsv, type PageChartProps } from '../../../../../views/page-chart-files.ts';
import { publisherChartPaths } from '../../../../../routes/routes.ts';

export const getStaticPaths = publisherChartPaths;

export const GET: APIRoute<PageChartProps> = ({ params, props }) => respondChartCsv(props.place, params.chart ?? '');
