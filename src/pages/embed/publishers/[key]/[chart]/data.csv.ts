/** `/embed/publishers/<key>/<chart>/data.csv`: the numbers one chart of a department page draws. */
import type { APIRoute } from 'astro';
import { listPublisherChartPaths, respondChartCsv, type PageChartProps } from '../../../../../views/page-chart-files.ts';

export const getStaticPaths = listPublisherChartPaths;

export const GET: APIRoute<PageChartProps> = ({ params, props }) => respondChartCsv(props.place, params.chart ?? '');
