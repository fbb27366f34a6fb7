/** `/embed/jurisdictions/<code>/<chart>/data.csv`: the numbers one chart of a jurisdiction page draws. */
import type { APIRoute } from 'astro';
import { respondChartCsv, type PageChartProps } from '../../../../../views/page-chart-files.ts';
import { jurisdictionChartPaths } from '../../../../../routes/routes.ts';

export const getStaticPaths = jurisdictionChartPaths;

export const GET: APIRoute<PageChartProps> = ({ params, props }) => respondChartCsv(props.place, params.chart ?? '');
