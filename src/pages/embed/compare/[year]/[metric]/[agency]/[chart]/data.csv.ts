/** `/embed/compare/<year>/<metric>/<agency>/<chart>/data.csv`: the numbers one chart of a department comparison page draws. */
import type { APIRoute } from 'astro';
import { respondChartCsv, type PageChartProps } from '../../../../../../../views/page-chart-files.ts';
import { departmentCompareChartPaths } from '../../../../../../../routes/routes.ts';

export const getStaticPaths = departmentCompareChartPaths;

export const GET: APIRoute<PageChartProps> = ({ params, props }) => respondChartCsv(props.place, params.chart ?? '');
