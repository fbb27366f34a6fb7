/** /feeds/reports.xml: an Atom feed of the reports on the site, newest year first. */
import type { APIRoute } from 'astro';
import { getSiteContent } from '../../loaders/site-content.ts';
import { buildReportEntries, dateNewestReport, FEED_PATHS, FEED_TITLES, renderAtomFeed } from '../../views/feeds.ts';

/** Serves the feed of reports. */
export const GET: APIRoute = ({ site }) => {
  if (!site) throw new Error('feeds: astro.config.mjs must set `site`');
  const content = getSiteContent();
  const head = {
    title: FEED_TITLES.reports,
    subtitle: '黑龙江省各级政府新收录的政府信息公开工作年度报告数据，每份报告一条。',
    self: new URL(FEED_PATHS.reports, site).href,
    home: new URL('/', site).href,
    emptyUpdated: dateNewestReport(content.reports),
  };
  const xml = renderAtomFeed(head, buildReportEntries(content.reports, content.jurisdictions, site.href));
  return new Response(xml, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
};
