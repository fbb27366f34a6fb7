/** `/embed/compare/<year>/<metric>/<agency>/<chart>/data.csv`: the numbers one chart of a department comparison page draws. A build writes these after the pages (src/integrations/endpoint-files.ts); the dev server serves them here. */
import type { APIRoute } from 'astro';
import { respondChartCsv, type PageChartProps } from '../../../../../../../views/page-chart-files.ts';
import { departmentCompareChartFilePaths } from '../../../../../../../routes/routes.ts';

export const getStaticPaths = departmentCompareChartFilePaths;

export const GET: APIRoute<PageChartProps> = ({ params, props }) => respondChartCsv(props.place, params.chart ?? '');
