/**
 * Page weight budgets, measured on the built files as a host would send them (gzip, level 6): the
 * HTML with everything inlined in it, plus every stylesheet and script it links. Prints the figures of
 * every page type; fails where tests/page-types.ts sets a budget. Fonts are the system's: no web font
 * may be loaded at all.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PAGE_TYPES, stripQuery } from '../page-types.ts';
import { distOf, resolveSiteFile } from './browser.ts';


/** Gzipped size in bytes, as a host compresses by default. */
function measureGzip(text: string | Buffer): number {
  return gzipSync(text, { level: 6 }).length;
}

/** The weight of one page: gzipped bytes of its HTML, linked CSS and linked JS, and of all its JavaScript. */
export interface PageWeight {
  readonly html: number;
  readonly css: number;
  /** Linked scripts plus the scripts inlined in the HTML (JSON data blocks are not JavaScript). */
  readonly js: number;
  /** HTML (with what is inlined) + linked CSS + linked JS. */
  readonly total: number;
  readonly linked: readonly string[];
}

/** Measures a built page (of the site `dist`) and what it links; throws when a linked file is missing. */
function measurePage(path: string, dist: string): PageWeight {
  const file = resolveSiteFile(dist, stripQuery(path));
  if (!file) throw new Error(`${path} is not in the build`);
  const html = readFileSync(file, 'utf8');
  const linked: string[] = [];
  const read = (href: string): string => {
    const target = resolveSiteFile(dist, new URL(href, `http://site${stripQuery(path)}`).pathname);
    if (!target) throw new Error(`${path} links ${href}, which is not in the build`);
    linked.push(href);
    return readFileSync(target, 'utf8');
  };
  const css = [...html.matchAll(/<link\b[^>]*\brel="stylesheet"[^>]*>/g)].map((m) => read(/href="([^"]+)"/.exec(m[0])?.[1] ?? ''));
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  const external = scripts.filter((m) => /\bsrc="/.test(m[1] ?? '')).map((m) => read(/src="([^"]+)"/.exec(m[1] ?? '')?.[1] ?? ''));
  const preloads = [...html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*>/g)].map((m) => read(/href="([^"]+)"/.exec(m[0])?.[1] ?? ''));
  const inline = scripts.filter((m) => !/\bsrc="/.test(m[1] ?? '') && !/type="application\/(ld\+)?json"/.test(m[1] ?? '')).map((m) => m[2] ?? '');
  const cssBytes = css.reduce((n, t) => n + measureGzip(t), 0);
  const linkedJs = [...external, ...preloads].reduce((n, t) => n + measureGzip(t), 0);
  const inlineJs = inline.length ? measureGzip(inline.join('\n')) : 0;
  const htmlBytes = measureGzip(html);
  for (const text of [html, ...css]) {
    if (/@font-face/.test(text)) throw new Error(`${path} loads a web font; the site uses system fonts`);
  }
  return { html: htmlBytes, css: cssBytes, js: linkedJs + inlineJs, total: htmlBytes + cssBytes + linkedJs, linked };
}

/** Formats bytes as KB with one decimal. */
function formatKb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

describe('page weight', () => {
  const weights = PAGE_TYPES.map((type) => ({ type, weight: measurePage(type.path, distOf(type)) }));

  it('prints the gzipped weight of every page type', () => {
    const rows = weights.map(({ type, weight: w }) => `${type.name.padEnd(14)} total ${formatKb(w.total).padStart(8)}  html ${formatKb(w.html).padStart(8)}  css ${formatKb(w.css).padStart(7)}  js ${formatKb(w.js).padStart(7)}${type.budget ? `  (budget ${type.budget.totalKb} KB${type.budget.jsKb ? `, js ${type.budget.jsKb} KB` : ''})` : ''}`);
    console.log(`gzipped page weight (HTML with inlined CSS/JS + linked CSS/JS):\n${rows.join('\n')}`);
    expect(weights.every(({ weight }) => weight.html > 0)).toBe(true);
  });

  for (const { type, weight } of weights.filter((w) => w.type.budget)) {
    it(`keeps the ${type.name} page within ${type.budget?.totalKb} KB${type.budget?.jsKb ? ` and its JavaScript within ${type.budget.jsKb} KB` : ''} gzipped`, () => {
      expect(weight.total / 1024, `${type.path}: ${formatKb(weight.total)}`).toBeLessThanOrEqual(type.budget?.totalKb ?? 0);
      if (type.budget?.jsKb !== undefined) expect(weight.js / 1024, `${type.path} JavaScript: ${formatKb(weight.js)}`).toBeLessThanOrEqual(type.budget.jsKb);
    });
  }
});
