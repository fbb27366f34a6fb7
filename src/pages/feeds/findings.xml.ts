/** /feeds/findings.xml: an Atom feed of the newest data-quality findings (FEED_MAX_ENTRIES), one entry per failing rule of a report. */
import type { APIRoute } from 'astro';
import { getSiteContent } from '../../loaders/site-content.ts';
import { buildNewestEntries, FEED_MAX_ENTRIES } from '../../views/feed-window.ts';
import { buildFindingEntries, dateNewestReport, FEED_TITLES, renderAtomFeed } from '../../views/feeds.ts';
import { FEED_PATHS, METHODOLOGY_PATH } from '../../site/paths.ts';

/** Serves the feed of findings. */
export const GET: APIRoute = ({ site }) => {
  if (!site) throw new Error('feeds: astro.config.mjs must set `site`');
  const content = getSiteContent();
  const head = {
    title: FEED_TITLES.findings,
    subtitle: `报告自身数字对不上的地方：每份报告每条未通过的一致性检查一条，附报告印出的数字；只列最新的 ${FEED_MAX_ENTRIES} 条，全部问题见各报告页的数据质量栏。`,
    self: new URL(FEED_PATHS.findings, site).href,
    home: new URL(METHODOLOGY_PATH, site).href,
    emptyUpdated: dateNewestReport(content.reports),
  };
  // The newest FEED_MAX_ENTRIES entries only, as feeds normally carry: the feed stays small at any number of reports.
  const entries = buildNewestEntries(content.reports, (reports) => buildFindingEntries(reports, content.jurisdictions, site.href));
  const xml = renderAtomFeed(head, entries);
  return new Response(xml, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
};
