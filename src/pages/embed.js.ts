/** `/embed.js`: the script a page that embeds charts loads to size each iframe to its chart. */
import type { APIRoute } from 'astro';
import { formatHostScript } from '../embeds/resize-scripts.ts';

export const GET: APIRoute = ({ site }) =>
  new Response(formatHostScript(site?.origin ?? ''), { headers: { 'Content-Type': 'text/javascript; charset=utf-8' } });
