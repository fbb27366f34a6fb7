/** `/embed/compare/<year>/<metric>/<chart>/chart.svg`: the chart with its title and source line, every text outlined. */
import type { APIRoute } from 'astro';
import { formatSiteAddress } from '../../../../../../downloads/download-response.ts';
import { respondChartSvg, type PageChartProps } from '../../../../../../views/page-chart-files.ts';
import { getChartCache } from '../../../../../../machinery/chart-cache.ts';
import { compareChartPaths } from '../../../../../../routes/routes.ts';

export const getStaticPaths = compareChartPaths;

export const GET: APIRoute<PageChartProps> = ({ params, props, site }) => respondChartSvg(props.place, params.chart ?? '', formatSiteAddress(site), getChartCache());
