/** /feeds/reports.xml: an Atom feed of the newest reports on the site (FEED_MAX_ENTRIES), newest year first. */
import type { APIRoute } from 'astro';
import { getSiteContent } from '../../loaders/site-content.ts';
import { buildNewestEntries, FEED_MAX_ENTRIES } from '../../views/feed-window.ts';
import { buildReportEntries, dateNewestReport, FEED_TITLES, renderAtomFeed } from '../../views/feeds.ts';
import { FEED_PATHS } from '../../site/paths.ts';

/** Serves the feed of reports. */
export const GET: APIRoute = ({ site }) => {
  if (!site) throw new Error('feeds: astro.config.mjs must set `site`');
  const content = getSiteContent();
  const head = {
    title: FEED_TITLES.reports,
    subtitle: `黑龙江省各级政府新收录的政府信息公开工作年度报告数据，每份报告一条，只列最新的 ${FEED_MAX_ENTRIES} 条；全部报告见 /data/reports.csv。`,
    self: new URL(FEED_PATHS.reports, site).href,
    home: new URL('/', site).href,
    emptyUpdated: dateNewestReport(content.reports),
  };
  // The newest FEED_MAX_ENTRIES entries only, as feeds normally carry: the feed stays small at any number of reports.
  const entries = buildNewestEntries(content.reports, (reports) => buildReportEntries(reports, content.jurisdictions, site.href));
  const xml = renderAtomFeed(head, entries);
  return new Response(xml, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
};
