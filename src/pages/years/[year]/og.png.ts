/** `/years/<year>/og.png`: the 1200×630 link-preview image of a year, which its list and comparison pages share. */
import type { APIRoute } from 'astro';
import { makeOgPng } from '../../../embeds/build-images.ts';
import type { OgImageText } from '../../../embeds/chart-image.ts';
import { yearOgPaths } from '../../../routes/routes.ts';

export const getStaticPaths = yearOgPaths;

export const GET: APIRoute<{ text: OgImageText }> = ({ props }) => new Response(makeOgPng(props.text), { headers: { 'Content-Type': 'image/png' } });
