/** `/reports/<id>/og.png`: the report's 1200×630 link-preview image: title, publisher and its key chart. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { makeOgPngAsync } from '../../../embeds/build-images.ts';
import { buildOgImageText } from '../../../embeds/embed-view.ts';
import { renderKeyChartSvg } from '../../../embeds/report-chart-files.ts';
import { getSiteContent } from '../../../loaders/site-content.ts';
import { getPageKeys } from '../../../views/page-keys.ts';
import type { CheckedReport } from '../../../reports/types.ts';

export const getStaticPaths = (() => {
  const content = getSiteContent();
  const keys = getPageKeys(content);
  return content.reports.map((report) => ({ params: { id: report.meta.id }, props: { report }, cacheKey: keys.report(report.meta.id) }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ report: CheckedReport }> = async ({ props }) =>
  new Response(await makeOgPngAsync(renderKeyChartSvg(props.report), buildOgImageText(props.report.meta)), { headers: { 'Content-Type': 'image/png' } });
