/**
 * The public address of the deployed site: set once in `site.config.json` (`url`), overridden by
 * GONGKAI_SITE_URL. It goes into every absolute link the build writes, so a build that still carries
 * a placeholder (a reserved example domain, RFC 2606) is loud about it, and a deploy build
 * (GONGKAI_DEPLOY=1, `npm run build:deploy`) refuses it. Pure: the config file's text and the
 * environment are passed in. Assumes the site is served from the root of its address (links inside
 * the site are root-relative), so an address with a path is refused.
 */

/** The committed file that holds the address. */
export const SITE_CONFIG_FILE = 'site.config.json';

/** The environment variable that overrides the committed address. */
export const SITE_URL_VARIABLE = 'GONGKAI_SITE_URL';

/** The environment variable that makes a build a deploy build (set by `npm run build:deploy`). */
export const DEPLOY_VARIABLE = 'GONGKAI_DEPLOY';

/** What a build writes the address into: named by the warning, so nobody ships them unknowingly. */
export const ADDRESS_CARRIERS: readonly string[] = [
  'the canonical link and og:url/og:image of every page, the sitemap and robots.txt',
  'the embed snippet and oEmbed response of every chart, and /embed.js (it trusts only that origin)',
  'the source line drawn into every chart image (chart.svg, and the PNG a reader draws from it)',
  'the citations on report and data pages, and both Atom feeds',
  '/data/reports.csv, /data/datapackage.json and the examples on /data/',
];

/** The address a build uses and where it came from. */
export interface SiteAddress {
  /** The origin with a trailing slash, e.g. `https://gongkai.example.org/`. */
  readonly url: string;
  /** `site.config.json` or `GONGKAI_SITE_URL`. */
  readonly from: string;
  /** A reserved example address that no reader can reach. */
  readonly placeholder: boolean;
}

/** A wrong or refused address; its message says where it came from and what to do. */
export class SiteAddressError extends Error {
  override name = 'SiteAddressError';
}

/** Whether a host name is reserved for examples and tests (RFC 2606, RFC 6761), so no reader can reach it. */
export function isPlaceholderHost(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return /(^|\.)example\.(com|net|org)$/.test(h) || /(^|\.)(example|test|invalid|localhost)$/.test(h);
}

/** Checks an address and returns its origin with a trailing slash; throws naming `from` when it is not an http(s) origin. */
export function parseSiteUrl(text: string, from: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new SiteAddressError(`${from}: "${text}" is not an address; write the site's public address, e.g. https://gongkai.example.gov.cn`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new SiteAddressError(`${from}: "${text}" is not an http(s) address`);
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    throw new SiteAddressError(`${from}: "${text}" has more than a scheme and host; the site is served from the root of its address, so give the origin only (${url.origin})`);
  }
  return `${url.origin}/`;
}

/** Reads the `url` of the committed config file's text; throws naming the file when it is malformed. */
export function readSiteConfig(text: string): string {
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (err) {
    throw new SiteAddressError(`${SITE_CONFIG_FILE}: not valid JSON (${(err as Error).message}); it holds {"url": "https://…"}`);
  }
  const url = typeof config === 'object' && config !== null ? (config as Record<string, unknown>).url : undefined;
  if (typeof url !== 'string') throw new SiteAddressError(`${SITE_CONFIG_FILE}: no "url" string; it holds {"url": "https://…"}, the site's public address`);
  return url;
}

/** Whether the environment asks for a deploy build. */
export function isDeployBuild(env: Readonly<Record<string, string | undefined>>): boolean {
  const v = env[DEPLOY_VARIABLE]?.trim().toLowerCase();
  return v !== undefined && v !== '' && v !== '0' && v !== 'false';
}

/**
 * The address a build uses: GONGKAI_SITE_URL when set (non-empty), else the committed config's.
 * Throws when it is malformed, and when a deploy build would carry a placeholder.
 */
export function resolveSiteAddress(configText: string, env: Readonly<Record<string, string | undefined>>): SiteAddress {
  const override = env[SITE_URL_VARIABLE]?.trim();
  const from = override ? SITE_URL_VARIABLE : SITE_CONFIG_FILE;
  const url = parseSiteUrl(override || readSiteConfig(configText), from);
  const address = { url, from, placeholder: isPlaceholderHost(new URL(url).hostname) };
  if (address.placeholder && isDeployBuild(env)) throw new SiteAddressError(formatDeployRefusal(address));
  return address;
}

/** Why a deploy build stops, and how to set the address. */
export function formatDeployRefusal(address: SiteAddress): string {
  return [
    `Deploy build refused: the public address is ${address.url} (from ${address.from}), a placeholder no reader can reach.`,
    'It would be written into:',
    ...ADDRESS_CARRIERS.map((c) => `  - ${c}`),
    `Set the real address in ${SITE_CONFIG_FILE} ("url") and commit it, or for this build only: ${SITE_URL_VARIABLE}=https://… npm run build:deploy`,
  ].join('\n');
}

/** The warning a build with a placeholder address prints before and after it builds, boxed so it is seen. */
export function formatPlaceholderWarning(address: SiteAddress): string {
  const lines = [
    `PLACEHOLDER ADDRESS: this build writes ${address.url} (from ${address.from}),`,
    'an address no reader can reach, into:',
    ...ADDRESS_CARRIERS.map((c) => `  - ${c}`),
    `Do not deploy it. Set the real address in ${SITE_CONFIG_FILE} or ${SITE_URL_VARIABLE};`,
    `npm run build:deploy (${DEPLOY_VARIABLE}=1) refuses a placeholder.`,
  ];
  const bar = '!'.repeat(Math.max(...lines.map((l) => l.length)) + 4);
  return [bar, ...lines.map((l) => `! ${l}`), bar].join('\n');
}
