import { describe, expect, it } from 'vitest';
import { loadCommittedContent } from '../fixtures/committed-content.ts';
import { makeDownloadResponse } from './download-response.ts';
import { buildSiteDownloads, makeLazyDownloadFile } from './site-downloads.ts';

const downloads = buildSiteDownloads(loadCommittedContent(), 'https://gongkai.example.org/');

describe('makeDownloadResponse', () => {
  it('streams the site-wide cells.csv piece by piece, byte for byte the file it measured', async () => {
    const cells = downloads.site[0]!;
    expect([...cells.pieces()].length).toBeGreaterThan(2);
    const body = new Uint8Array(await makeDownloadResponse(cells).arrayBuffer());
    expect(body.length).toBe(cells.bytes);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(body)).toBe(cells.text);
  });

  it('sends a one-piece file as its text, with its media type', async () => {
    const file = downloads.datapackage;
    const response = makeDownloadResponse(file);
    expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
    expect(await response.text()).toBe(file.text);
  });

  it('sends an empty file and a two-piece file whole', async () => {
    expect(await makeDownloadResponse(makeLazyDownloadFile('/x.csv', () => [])).text()).toBe('');
    const two = makeLazyDownloadFile('/y.csv', () => ['a,b\n', '1,二\n']);
    expect(two.bytes).toBe(10);
    expect(await makeDownloadResponse(two).text()).toBe('a,b\n1,二\n');
  });
});
