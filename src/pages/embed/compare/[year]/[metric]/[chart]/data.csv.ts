/** `/embed/compare/<year>/<metric>/<chart>/data.csv`: the numbers one chart of a comparison page draws. */
import type { APIRoute } from 'astro';
import { listCompareChartPaths, respondChartCsv, type PageChartProps } from '../../../../../../views/page-chart-files.ts';

export const getStaticPaths = listCompareChartPaths;

export const GET: APIRoute<PageChartProps> = ({ params, props }) => respondChartCsv(props.place, params.chart ?? '');
