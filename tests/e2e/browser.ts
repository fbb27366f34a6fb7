/**
 * What the browser tests share: a static server for the built site on 127.0.0.1 (gzip like a real
 * host, 404.html with status 404 for a missing page), Debian's Chromium driven by playwright-core, and
 * a watch on every page for console errors, failed requests and requests that leave localhost, and
 * `startSiteAndBrowser`, the hooks that run the server and the browser around a test file.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { assertChromium, CHROMIUM_PATH } from '../requirements.ts';

/** Where screenshots go for a person to look at: GONGKAI_SCREENSHOTS, or a folder in the system's temp dir. */
export const SCREENSHOT_DIR = process.env.GONGKAI_SCREENSHOTS ?? join(tmpdir(), 'gongkai-screenshots');

export { CHROMIUM_PATH } from '../requirements.ts';

/** The flags every test browser runs with: headless, no sandbox (containers), nothing phoning home. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

/** The two widths every page is checked at: a small phone and a laptop. */
export const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
] as const;

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** Whether a response of this type is worth gzipping, as a host would. */
function isCompressible(type: string): boolean {
  return /^(text\/|application\/(json|xml|javascript)|image\/svg)/.test(type);
}

/** A running static server of a built site. */
export interface SiteServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  close(): Promise<void>;
}

/** Finds the file a URL path names in `dir`: `x/` → `x/index.html`; null when there is none. */
export function resolveSiteFile(dir: string, urlPath: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(urlPath.split(/[?#]/)[0] ?? '/');
  } catch {
    return null;
  }
  const file = normalize(join(dir, path.endsWith('/') ? `${path}index.html` : path));
  if (file !== normalize(dir) && !file.startsWith(normalize(dir) + sep)) return null;
  return existsSync(file) && statSync(file).isFile() ? file : null;
}

/** Serves `dir` on 127.0.0.1 on a free port. */
export async function startSiteServer(dir: string): Promise<SiteServer> {
  const server: Server = createServer((req, res) => {
    const file = resolveSiteFile(dir, req.url ?? '/');
    const status = file ? 200 : 404;
    const served = file ?? join(dir, '404.html');
    const type = TYPES[extname(served)] ?? 'application/octet-stream';
    let body: Buffer = existsSync(served) ? readFileSync(served) : Buffer.from('not found');
    const headers: Record<string, string> = { 'Content-Type': type, 'Cache-Control': 'no-cache' };
    if (isCompressible(type) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      body = gzipSync(body);
      headers['Content-Encoding'] = 'gzip';
      headers.Vary = 'Accept-Encoding';
    }
    headers['Content-Length'] = String(body.length);
    res.writeHead(status, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}

/** Launches Debian's Chromium with the project's flags; without it, fails saying what to install. */
export async function launchBrowser(): Promise<Browser> {
  assertChromium();
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** The built site a page type is on (tests/page-types.ts `site`): the committed content's, or the department corpus's. */
export function distOf(type: { readonly site?: 'departments' }): string {
  return type.site === 'departments' ? inject('departmentsDistDir') : inject('distDir');
}

/** The static servers of the built sites and the browser that `startSiteAndBrowser` runs; read them in tests and hooks, once its beforeAll has run. */
export interface SiteAndBrowser {
  /** `http://127.0.0.1:<port>` of the server of the built site (the committed content's). */
  readonly origin: string;
  /** The origin of the site a page type is on. */
  originOf(type: { readonly site?: 'departments' }): string;
  readonly browser: Browser;
}

/**
 * Registers, in the calling file or describe block, a beforeAll that serves the built sites (vitest's
 * `distDir` and `departmentsDistDir`) and launches Chromium, and an afterAll that closes them even
 * when a test or the beforeAll failed.
 */
export function startSiteAndBrowser(): SiteAndBrowser {
  const dist = inject('distDir');
  const departments = inject('departmentsDistDir');
  let server: SiteServer | undefined;
  let departmentsServer: SiteServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startSiteServer(dist);
    departmentsServer = await startSiteServer(departments);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    try {
      await browser?.close();
    } finally {
      await server?.close();
      await departmentsServer?.close();
    }
  });
  return {
    get origin(): string {
      if (!server) throw new Error('the site server is not running: read `origin` in a test or hook, after beforeAll');
      return server.origin;
    },
    originOf(type) {
      const chosen = type.site === 'departments' ? departmentsServer : server;
      if (!chosen) throw new Error('the site servers are not running: call `originOf` in a test or hook, after beforeAll');
      return chosen.origin;
    },
    get browser(): Browser {
      if (!browser) throw new Error('the browser is not running: read `browser` in a test or hook, after beforeAll');
      return browser;
    },
  };
}

/** What went wrong while a page was open. */
export interface PageWatch {
  readonly consoleErrors: string[];
  readonly failedRequests: string[];
  /** Requests to anywhere but the test server (they are also blocked). */
  readonly externalRequests: string[];
}

/** A page opened in a fresh context, with its watch. */
export interface OpenedPage {
  /** The HTTP status of the page itself. */
  readonly status: number | null;
  readonly page: Page;
  readonly context: BrowserContext;
  readonly watch: PageWatch;
}

/** Options of `openPage`. */
export interface OpenOptions {
  readonly width?: number;
  readonly height?: number;
  readonly colorScheme?: 'light' | 'dark';
  /** Whether JavaScript runs (default true). */
  readonly javaScript?: boolean;
  /** A selector to wait for after load (a page's script has finished). */
  readonly ready?: string;
}

/**
 * Opens `path` of the site in a fresh context (no shared storage), blocking and recording every
 * request that leaves the test server, and recording console errors, page errors and failed requests.
 */
export async function openPage(browser: Browser, origin: string, path: string, options: OpenOptions = {}): Promise<OpenedPage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    colorScheme: options.colorScheme ?? 'light',
    javaScriptEnabled: options.javaScript ?? true,
    locale: 'zh-CN',
  });
  const watch: PageWatch = { consoleErrors: [], failedRequests: [], externalRequests: [] };
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    watch.externalRequests.push(url);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') watch.consoleErrors.push(`${msg.text()} (${msg.location().url})`);
  });
  page.on('pageerror', (err) => watch.consoleErrors.push(`uncaught: ${err.message}`));
  page.on('requestfailed', (req) => watch.failedRequests.push(`${req.url()}: ${req.failure()?.errorText ?? 'failed'}`));
  page.on('response', (res) => {
    if (res.status() >= 400) watch.failedRequests.push(`${res.url()}: HTTP ${res.status()}`);
  });
  const response = await page.goto(`${origin}${path}`, { waitUntil: 'load' });
  if (options.ready) await page.waitForSelector(options.ready, { timeout: 10_000 });
  return { status: response?.status() ?? null, page, context, watch };
}
