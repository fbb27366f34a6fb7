/** `/reports/<id>/og.png`: the report's 1200×630 link-preview image: title, publisher and its key chart. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { makeOgPng } from '../../../embeds/build-images.ts';
import { buildOgImageText } from '../../../embeds/embed-view.ts';
import { renderKeyChartSvg } from '../../../embeds/report-chart-files.ts';
import { getSiteContent } from '../../../loaders/site-content.ts';
import type { CheckedReport } from '../../../reports/types.ts';

export const getStaticPaths = (() => getSiteContent().reports.map((report) => ({ params: { id: report.meta.id }, props: { report } }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ report: CheckedReport }> = ({ props }) =>
  new Response(makeOgPng(renderKeyChartSvg(props.report), buildOgImageText(props.report.meta)), { headers: { 'Content-Type': 'image/png' } });
