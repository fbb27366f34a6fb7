/**
 * Downloads a published report from its address, for `npm run ingest -- <url>` (the only command
 * that touches the network). Each request has a timeout; a network failure, a timeout, 429 or a 5xx
 * is retried a few times with a growing pause; 403, 404 and other refusals stop at once with what to
 * do; redirects are followed by hand, at most 10, and a loop is named. The file's kind comes from
 * the response's Content-Type, then its Content-Disposition name, then the address, then its first
 * bytes. A web page also gives the links it holds to PDF and Word attachments, so the caller can
 * follow one when the page only links to the report. Uses the global fetch (passed in for tests).
 */
import { parse } from 'parse5';
import { decodeTextBytes } from './decode-text.ts';

/** How to download. */
export interface DownloadOptions {
  readonly fetch?: typeof fetch;
  /** Per request, in milliseconds (default 30 s). */
  readonly timeoutMs?: number;
  /** How many times a failed request is tried again (default 2). */
  readonly retries?: number;
  /** The first pause before trying again, doubled each time (default 1 s). */
  readonly retryPauseMs?: number;
}

/** A downloaded file: the address it came from (after redirects), a file name with the extension ingest reads it by, its bytes. */
export interface DownloadedFile {
  readonly ok: true;
  readonly url: string;
  readonly name: string;
  readonly bytes: Uint8Array;
  /** When it was downloaded: ISO date-time in UTC, to the second. */
  readonly retrieved: string;
}

/** Why a download failed, and what to do. */
export interface DownloadFailure {
  readonly ok: false;
  readonly rule: 'download-failed';
  readonly message: string;
  readonly hint: string;
}

const MAX_REDIRECTS = 10;

/** The extension ingest reads a file by, from its Content-Type. */
const TYPES: readonly [RegExp, string][] = [
  [/^application\/pdf\b/i, '.pdf'],
  [/^application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.document\b/i, '.docx'],
  [/^application\/(msword|vnd\.ms-word)\b/i, '.doc'],
  [/^(text\/html|application\/xhtml\+xml)\b/i, '.html'],
  [/^text\/plain\b/i, '.txt'],
];
const KNOWN_EXTENSION = /\.(pdf|docx|doc|html?|txt|md)$/i;

/** The extension of a downloaded file: Content-Type, then the name it is sent as, then the address, then its first bytes. */
export function detectExtension(contentType: string | null, disposition: string | null, url: string, bytes: Uint8Array): string {
  const byType = TYPES.find(([re]) => re.test(contentType ?? ''))?.[1];
  if (byType) return byType;
  const sent = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition ?? '')?.[1];
  const named = [sent ? safeDecode(sent) : '', new URL(url).pathname].map((n) => KNOWN_EXTENSION.exec(n)?.[0].toLowerCase()).find(Boolean);
  if (named) return named === '.htm' ? '.html' : named;
  const head = String.fromCharCode(...bytes.subarray(0, 8));
  if (head.startsWith('%PDF')) return '.pdf';
  if (head.startsWith('PK\u0003\u0004')) return '.docx';
  if (head.startsWith('\u00d0\u00cf\u0011\u00e0')) return '.doc';
  return /<(!doctype html|html|table|body)/i.test(new TextDecoder().decode(bytes.subarray(0, 2048))) ? '.html' : '.txt';
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** A failure with the address in it. */
function failure(url: string, message: string, hint: string): DownloadFailure {
  return { ok: false, rule: 'download-failed', message: `${url}: ${message}`, hint };
}

/** What to do about an HTTP status that is not retried. */
function explainStatus(status: number): string {
  if (status === 403) return 'the site refuses the download (403 Forbidden): open the address in a browser, save the file and ingest the saved file';
  if (status === 404 || status === 410) return 'the address does not exist (any more): check it, or find the report again on the publisher’s site';
  if (status === 401) return 'the site asks for a login: download the file in a browser and ingest the saved file';
  return 'open the address in a browser; if it shows the report, save it and ingest the saved file';
}

/** Downloads one address, following redirects, retrying what may pass on a second try. */
export async function downloadFile(url: string, options: DownloadOptions = {}): Promise<DownloadedFile | DownloadFailure> {
  const fetchFn = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const retries = options.retries ?? 2;
  const pause = options.retryPauseMs ?? 1000;
  let current: URL;
  try {
    current = new URL(url);
  } catch {
    return failure(url, 'not a web address', 'give the full address, starting with http:// or https://');
  }
  if (current.protocol !== 'http:' && current.protocol !== 'https:') return failure(url, 'not an http(s) address', 'give the full address, starting with http:// or https://');
  const seen: string[] = [];
  for (;;) {
    if (seen.includes(current.href)) return failure(url, `the site redirects in a loop (${[...seen, current.href].slice(seen.indexOf(current.href)).join(' → ')})`, 'open the address in a browser; if it shows the report, save it and ingest the saved file');
    if (seen.length > MAX_REDIRECTS) return failure(url, `more than ${MAX_REDIRECTS} redirects`, 'open the address in a browser; if it shows the report, save it and ingest the saved file');
    seen.push(current.href);
    let response: Response | null = null;
    let lastProblem = '';
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, pause * 2 ** (attempt - 1)));
      try {
        const r = await fetchFn(current.href, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs), headers: { 'user-agent': 'gongkai-ingest (+npm run ingest)', accept: '*/*' } });
        if (r.status === 429 || r.status >= 500) {
          lastProblem = `the server answered ${r.status} ${r.statusText}`.trim();
          await r.body?.cancel();
          continue;
        }
        response = r;
        break;
      } catch (err) {
        const e = err as Error;
        lastProblem = e.name === 'TimeoutError' || e.name === 'AbortError' ? `no answer within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}` : `the download failed (${(e.cause as Error | undefined)?.message ?? e.message})`;
      }
    }
    if (!response) return failure(url, `${lastProblem}; tried ${retries + 1} time${retries ? 's' : ''}`, 'check the address and the network, then run ingest again later; or download the file in a browser and ingest the saved file');
    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.get('location');
      await response.body?.cancel();
      if (!location) return failure(url, `the site answered ${response.status} without saying where to`, 'open the address in a browser; if it shows the report, save it and ingest the saved file');
      current = new URL(location, current);
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      return failure(url, `the site answered ${response.status} ${response.statusText}`.trim(), explainStatus(response.status));
    }
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await response.arrayBuffer());
    } catch (err) {
      return failure(url, `the download broke off (${(err as Error).message})`, 'run ingest again; if it keeps failing, download the file in a browser and ingest the saved file');
    }
    const ext = detectExtension(response.headers.get('content-type'), response.headers.get('content-disposition'), current.href, bytes);
    const base = safeDecode(current.pathname.split('/').pop() ?? '').replace(KNOWN_EXTENSION, '').replace(/[^\p{L}\p{N}_.-]+/gu, '-') || current.hostname;
    return { ok: true, url: current.href, name: `${base}${ext}`, bytes, retrieved: new Date().toISOString().replace(/\.\d+Z$/, 'Z') };
  }
}

interface Node {
  readonly nodeName: string;
  readonly value?: string;
  readonly attrs?: readonly { name: string; value: string }[];
  readonly childNodes?: readonly Node[];
}

/** The text of a node. */
function readText(node: Node): string {
  return node.nodeName === '#text' ? (node.value ?? '') : (node.childNodes ?? []).map(readText).join('');
}

/** A link from a page to a report attachment: its absolute address and its text. */
export interface AttachmentLink {
  readonly url: string;
  readonly text: string;
}

const ATTACHMENT = /\.(pdf|docx?)(?:$|[?#])/i;

/**
 * The links of a page to PDF and Word attachments, those naming a 年度报告 first, each address
 * once, resolved against the page's address.
 */
export function findAttachmentLinks(pageBytes: Uint8Array, pageUrl: string): AttachmentLink[] {
  const decoded = decodeTextBytes(pageBytes);
  if (!decoded.ok) return [];
  const links: AttachmentLink[] = [];
  const walk = (node: Node): void => {
    if (node.nodeName === 'a') {
      const href = node.attrs?.find((a) => a.name === 'href')?.value?.trim();
      if (href && !/^(javascript|mailto):/i.test(href)) {
        try {
          const url = new URL(href, pageUrl).href;
          const text = readText(node).replace(/\s+/g, ' ').trim();
          if ((ATTACHMENT.test(new URL(url).pathname) || ATTACHMENT.test(text)) && !links.some((l) => l.url === url)) links.push({ url, text });
        } catch {
          // Not an address: not a link to follow.
        }
      }
    }
    for (const child of node.childNodes ?? []) walk(child);
  };
  walk(parse(decoded.text) as unknown as Node);
  const named = (l: AttachmentLink): boolean => /年度报告|年报/.test(l.text) || /年度报告|年报/.test(safeDecode(l.url));
  return [...links.filter(named), ...links.filter((l) => !named(l))];
}

/** A downloaded report, and the page it was linked from when the address was a page that only links to it. */
export type DownloadedReport = (DownloadedFile & { readonly via: string | null }) | DownloadFailure;

/**
 * Downloads the report at an address: the file itself, or, when the address is a web page that is not
 * itself a report (`isReport` says no) but links to PDF or Word attachments, the first of them (one
 * naming a 年度报告 if any). A page that is not a report and links to nothing is returned as it is,
 * so that reading it says what is missing.
 */
export async function downloadReport(url: string, isReport: (file: DownloadedFile) => Promise<boolean>, options: DownloadOptions = {}): Promise<DownloadedReport> {
  const page = await downloadFile(url, options);
  if (!page.ok) return page;
  if (!page.name.endsWith('.html') || (await isReport(page))) return { ...page, via: null };
  const link = findAttachmentLinks(page.bytes, page.url)[0];
  if (!link) return { ...page, via: null };
  const file = await downloadFile(link.url, options);
  return file.ok ? { ...file, via: page.url } : { ...file, message: `${file.message} (the attachment “${link.text || link.url}” linked from ${page.url})` };
}
