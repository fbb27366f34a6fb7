/** `/embed/jurisdictions/<code>/<chart>/oembed.json`: the oEmbed (rich) response of a chart's embed page. */
import type { APIRoute } from 'astro';
import { formatSiteAddress } from '../../../../../downloads/download-response.ts';
import { respondChartOembed, type PageChartProps } from '../../../../../views/page-chart-files.ts';
import { getChartCache } from '../../../../../machinery/chart-cache.ts';
import { jurisdictionChartPaths } from '../../../../../routes/routes.ts';

export const getStaticPaths = jurisdictionChartPaths;

export const GET: APIRoute<PageChartProps> = ({ params, props, site }) => respondChartOembed(props.place, params.chart ?? '', formatSiteAddress(site), getChartCache());
