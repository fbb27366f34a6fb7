/** `/embed/publishers/<key>/<chart>/chart.svg`: the chart with its title and source line, every text outlined. A build writes these after the pages (src/integrations/endpoint-files.ts); the dev server serves them here. */
import type { APIRoute } from 'astro';
import { formatSiteAddress } from '../../../../../downloads/download-response.ts';
import { respondChartSvg, type PageChartProps } from '../../../../../views/page-chart-files.ts';
import { getChartCache } from '../../../../../machinery/chart-cache.ts';
import { publisherChartFilePaths } from '../../../../../routes/routes.ts';

export const getStaticPaths = publisherChartFilePaths;

export const GET: APIRoute<PageChartProps> = ({ params, props, site }) => respondChartSvg(props.place, params.chart ?? '', formatSiteAddress(site), getChartCache());
