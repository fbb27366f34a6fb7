/** `/embed/jurisdictions/<code>/<chart>/data.csv`: the numbers one chart of a jurisdiction page draws. */
import type { APIRoute } from 'astro';
import { listJurisdictionChartPaths, respondChartCsv, type PageChartProps } from '../../../../../views/page-chart-files.ts';

export const getStaticPaths = listJurisdictionChartPaths;

export const GET: APIRoute<PageChartProps> = ({ params, props }) => respondChartCsv(props.place, params.chart ?? '');
