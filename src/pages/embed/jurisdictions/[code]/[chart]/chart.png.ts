/** `/embed/jurisdictions/<code>/<chart>/chart.png`: the standalone chart image as PNG, at twice its size. */
import type { APIRoute } from 'astro';
import { formatSiteAddress } from '../../../../../downloads/download-response.ts';
import { listJurisdictionChartPaths, respondChartPng, type PageChartProps } from '../../../../../embeds/page-chart-files.ts';

export const getStaticPaths = listJurisdictionChartPaths;

export const GET: APIRoute<PageChartProps> = ({ params, props, site }) => respondChartPng(props.place, params.chart ?? '', formatSiteAddress(site));
