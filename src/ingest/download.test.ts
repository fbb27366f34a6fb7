/**
 * Downloading a report, against a local HTTP server: files by kind, a page that only links to the
 * PDF, GBK pages, refusals (403, 404), redirect loops, a server that fails once, one that never answers.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectExtension, downloadFile, downloadReport, findAttachmentLinks } from './download.ts';

const PDF = new TextEncoder().encode('%PDF-1.7\n…');
const gbk = (text: string): Uint8Array => {
  // GBK bytes of a short page, written out by hand (TextEncoder only writes UTF-8): 年度报告 = C4EA B6C8 B1A8 B8E6.
  const body = new TextEncoder().encode(text);
  const out = [...body.slice(0, body.indexOf(0x40))];
  out.push(0xc4, 0xea, 0xb6, 0xc8, 0xb1, 0xa8, 0xb8, 0xe6);
  out.push(...body.slice(body.indexOf(0x40) + 1));
  return new Uint8Array(out);
};
let server: Server;
let base = '';
const hits = new Map<string, number>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (path === '/report.pdf') return void res.writeHead(200, { 'content-type': 'application/pdf' }).end(PDF);
    if (path === '/download') return void res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-disposition': "attachment; filename*=UTF-8''%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A.docx" }).end('PK\u0003\u0004');
    if (path === '/page.html') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html><body><p>通知</p><a href="/other.pdf">其他文件.pdf</a><a href="files/2021年度报告.pdf">同江市2021年政府信息公开工作年度报告</a><a href="javascript:void(0)">x.pdf</a></body></html>');
    if (path === '/files/2021年度报告.pdf') return void res.writeHead(200, { 'content-type': 'application/pdf' }).end(PDF);
    if (path === '/gbk.html') return void res.writeHead(200, { 'content-type': 'text/html' }).end(gbk('<html><body><a href="/report.pdf">@</a></body></html>'));
    if (path === '/forbidden') return void res.writeHead(403).end();
    if (path === '/gone') return void res.writeHead(404).end();
    if (path === '/loop-a') return void res.writeHead(302, { location: '/loop-b' }).end();
    if (path === '/loop-b') return void res.writeHead(301, { location: `${base}/loop-a` }).end();
    if (path === '/moved') return void res.writeHead(302, { location: '/report.pdf' }).end();
    if (path === '/flaky') return void ((hits.get(path) ?? 0) === 1 ? res.writeHead(503).end() : res.writeHead(200, { 'content-type': 'application/pdf' }).end(PDF));
    if (path === '/down') return void res.writeHead(500).end();
    if (path === '/slow') return void setTimeout(() => res.writeHead(200).end('late'), 2000);
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const quick = { retries: 2, retryPauseMs: 10, timeoutMs: 300 };

describe('downloading a report', () => {
  it('downloads a file, named by its kind, with the time it was retrieved', async () => {
    const got = await downloadFile(`${base}/report.pdf`, quick);
    if (!got.ok) throw new Error(got.message);
    expect(got).toMatchObject({ url: `${base}/report.pdf`, name: 'report.pdf', bytes: PDF });
    expect(got.retrieved).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Math.abs(Date.parse(got.retrieved) - Date.now())).toBeLessThan(60_000);
    const sent = await downloadFile(`${base}/download`, quick);
    expect(sent.ok && sent.name).toBe('download.docx');
  });

  it('follows redirects and records the final address', async () => {
    const got = await downloadFile(`${base}/moved`, quick);
    expect(got.ok && got.url).toBe(`${base}/report.pdf`);
  });

  it('stops at once on 403 and 404, saying what to do', async () => {
    const before = hits.get('/forbidden') ?? 0;
    const forbidden = await downloadFile(`${base}/forbidden`, quick);
    expect(forbidden).toMatchObject({ ok: false, rule: 'download-failed', message: expect.stringContaining('403') });
    expect(!forbidden.ok && forbidden.hint).toMatch(/browser, save the file/);
    expect(hits.get('/forbidden')).toBe(before + 1);
    const gone = await downloadFile(`${base}/gone`, quick);
    expect(!gone.ok && gone.message).toContain('404');
    expect(!gone.ok && gone.hint).toMatch(/does not exist/);
  });

  it('names a redirect loop', async () => {
    const loop = await downloadFile(`${base}/loop-a`, quick);
    expect(!loop.ok && loop.message).toMatch(/redirects in a loop \(.*\/loop-a → .*\/loop-b → .*\/loop-a\)/);
  });

  it('tries a failing server again, and gives up after the retries with what to do', async () => {
    const flaky = await downloadFile(`${base}/flaky`, quick);
    expect(flaky.ok).toBe(true);
    expect(hits.get('/flaky')).toBe(2);
    const before = hits.get('/down') ?? 0;
    const down = await downloadFile(`${base}/down`, quick);
    expect(!down.ok && down.message).toMatch(/500.*; tried 3 times$/);
    expect(hits.get('/down')).toBe(before + 3);
    const slow = await downloadFile(`${base}/slow`, { ...quick, retries: 0 });
    expect(!slow.ok && slow.message).toMatch(/no answer within 300 ms; tried 1 time$/);
  });

  it('refuses what is not a web address', async () => {
    expect(await downloadFile('ftp://example.org/x.pdf', quick)).toMatchObject({ ok: false, message: expect.stringContaining('not an http(s) address') });
    expect(await downloadFile('http://', quick)).toMatchObject({ ok: false });
  });

  it('follows a page that only links to the report to its attachment, the 年度报告 first', async () => {
    const got = await downloadReport(`${base}/page.html`, async () => false, quick);
    if (!got.ok) throw new Error(got.message);
    expect(got.via).toBe(`${base}/page.html`);
    expect(got.url).toBe(`${base}/files/${encodeURI('2021年度报告.pdf')}`);
    expect(got.name).toBe('2021年度报告.pdf');
    const page = await downloadReport(`${base}/page.html`, async () => true, quick);
    expect(page.ok && page.via === null && page.name).toBe('page.html');
  });

  it('reads the links of a GBK page', async () => {
    const page = await downloadFile(`${base}/gbk.html`, quick);
    if (!page.ok) throw new Error(page.message);
    expect(findAttachmentLinks(page.bytes, page.url)).toEqual([{ url: `${base}/report.pdf`, text: '年度报告' }]);
  });
});

describe('the kind of a downloaded file', () => {
  it('comes from the Content-Type, then the name sent, then the address, then the first bytes', () => {
    const none = new Uint8Array();
    expect(detectExtension('application/pdf', null, 'http://x/a', none)).toBe('.pdf');
    expect(detectExtension('application/vnd.openxmlformats-officedocument.wordprocessingml.document', null, 'http://x/a', none)).toBe('.docx');
    expect(detectExtension('text/html; charset=gb2312', null, 'http://x/a.pdf', none)).toBe('.html');
    expect(detectExtension('application/octet-stream', 'attachment; filename="report.PDF"', 'http://x/a', none)).toBe('.pdf');
    expect(detectExtension('application/octet-stream', null, 'http://x/files/a.doc', none)).toBe('.doc');
    expect(detectExtension(null, null, 'http://x/get?id=3', new TextEncoder().encode('%PDF-1.4'))).toBe('.pdf');
    expect(detectExtension(null, null, 'http://x/get?id=3', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]))).toBe('.doc');
    expect(detectExtension(null, null, 'http://x/get', new TextEncoder().encode('<!DOCTYPE html><p>'))).toBe('.html');
  });
});
