/** `/embed/compare/<year>/<metric>/<agency>/<chart>/oembed.json`: the oEmbed (rich) response of a chart's embed page. A build writes these after the pages (src/integrations/endpoint-files.ts); the dev server serves them here. */
import type { APIRoute } from 'astro';
import { formatSiteAddress } from '../../../../../../../downloads/download-response.ts';
import { respondChartOembed, type PageChartProps } from '../../../../../../../views/page-chart-files.ts';
import { getChartCache } from '../../../../../../../machinery/chart-cache.ts';
import { departmentCompareChartFilePaths } from '../../../../../../../routes/routes.ts';

export const getStaticPaths = departmentCompareChartFilePaths;

export const GET: APIRoute<PageChartProps> = ({ params, props, site }) => respondChartOembed(props.place, params.chart ?? '', formatSiteAddress(site), getChartCache());
