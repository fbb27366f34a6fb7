/** `/years/<year>/og.png`: the 1200×630 link-preview image of a year, which its list and comparison pages share. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { makeOgPng } from '../../../embeds/build-images.ts';
import type { OgImageText } from '../../../embeds/chart-image.ts';
import { hashOgText, listYearOgCards } from '../../../embeds/og-images.ts';
import { getSiteContent } from '../../../loaders/site-content.ts';

export const getStaticPaths = (() => {
  const content = getSiteContent();
  return listYearOgCards(content.reports, content.jurisdictions).map((card) => ({ params: { year: String(card.year) }, props: { text: card.text }, cacheKey: hashOgText(card.text) }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ text: OgImageText }> = ({ props }) => new Response(makeOgPng(props.text), { headers: { 'Content-Type': 'image/png' } });
