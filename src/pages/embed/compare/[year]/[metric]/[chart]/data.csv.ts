/** `/embed/compare/<year>/<metric>/<chart>/data.csv`: the numbers one chart of a comparison page draws. */
import type { APIRoute } from 'astro';
import { respondChartCsv, type PageChartProps } from '../../../../../../views/page-chart-files.ts';
import { compareChartPaths } from '../../../../../../routes/routes.ts';

export const getStaticPaths = compareChartPaths;

export const GET: APIRoute<PageChartProps> = ({ params, props }) => respondChartCsv(props.place, params.chart ?? '');
