import { describe, expect, it } from 'vitest';
import { ADDRESS_CARRIERS, formatPlaceholderWarning, isDeployBuild, isPlaceholderHost, parseSiteUrl, readSiteConfig, resolveSiteAddress, SiteAddressError } from './site-address.ts';

const config = (url: unknown): string => JSON.stringify({ url });

describe('the public address', () => {
  it('comes from site.config.json, with a trailing slash', () => {
    expect(resolveSiteAddress(config('https://gongkai.hlj.gov.cn'), {})).toEqual({ url: 'https://gongkai.hlj.gov.cn/', from: 'site.config.json', placeholder: false });
  });

  it('is overridden by GONGKAI_SITE_URL when that is set and not empty', () => {
    expect(resolveSiteAddress(config('https://gongkai.hlj.gov.cn'), { GONGKAI_SITE_URL: 'https://data.example.cn/' })).toMatchObject({ url: 'https://data.example.cn/', from: 'GONGKAI_SITE_URL' });
    expect(resolveSiteAddress(config('https://gongkai.hlj.gov.cn'), { GONGKAI_SITE_URL: ' ' })).toMatchObject({ url: 'https://gongkai.hlj.gov.cn/', from: 'site.config.json' });
  });

  it('knows reserved example and test hosts as placeholders, and nothing else', () => {
    for (const host of ['gongkai.example.org', 'example.com', 'a.b.example.net', 'site.test', 'localhost', 'x.invalid', 'EXAMPLE.ORG.']) expect(isPlaceholderHost(host), host).toBe(true);
    for (const host of ['gongkai.hlj.gov.cn', 'example.org.cn', 'myexample.org', 'examples.com', 'testing.cn']) expect(isPlaceholderHost(host), host).toBe(false);
  });

  it('refuses what is not an http(s) origin, naming where it came from', () => {
    expect(() => parseSiteUrl('gongkai.hlj.gov.cn', 'GONGKAI_SITE_URL')).toThrow(/^GONGKAI_SITE_URL: "gongkai.hlj.gov.cn" is not an address/);
    expect(() => parseSiteUrl('ftp://gongkai.hlj.gov.cn', 'x')).toThrow(/not an http\(s\) address/);
    expect(() => parseSiteUrl('https://hlj.gov.cn/gongkai/', 'site.config.json')).toThrow(/give the origin only \(https:\/\/hlj\.gov\.cn\)/);
    expect(() => parseSiteUrl('https://hlj.gov.cn/?a=1', 'x')).toThrow(SiteAddressError);
    expect(parseSiteUrl(' http://127.0.0.1:8080 ', 'x')).toBe('http://127.0.0.1:8080/');
  });

  it('says what is wrong with a malformed site.config.json', () => {
    expect(() => readSiteConfig('{"url": ')).toThrow(/^site\.config\.json: not valid JSON/);
    expect(() => readSiteConfig('{"address": "https://a.cn"}')).toThrow(/^site\.config\.json: no "url" string/);
    expect(() => readSiteConfig('null')).toThrow(/no "url" string/);
    expect(readSiteConfig(config('https://a.cn'))).toBe('https://a.cn');
  });

  it('makes a deploy build of GONGKAI_DEPLOY set to anything but empty, 0 or false', () => {
    for (const v of ['1', 'true', 'yes']) expect(isDeployBuild({ GONGKAI_DEPLOY: v }), v).toBe(true);
    for (const v of [undefined, '', '0', 'false', 'FALSE']) expect(isDeployBuild({ GONGKAI_DEPLOY: v }), String(v)).toBe(false);
  });

  it('refuses a placeholder in a deploy build, saying what it would be written into and how to set it', () => {
    let message = '';
    try {
      resolveSiteAddress(config('https://gongkai.example.org'), { GONGKAI_DEPLOY: '1' });
    } catch (err) {
      expect(err).toBeInstanceOf(SiteAddressError);
      message = (err as Error).message;
    }
    expect(message).toContain('Deploy build refused: the public address is https://gongkai.example.org/ (from site.config.json)');
    for (const c of ADDRESS_CARRIERS) expect(message).toContain(c);
    expect(message).toContain('GONGKAI_SITE_URL=https://… npm run build:deploy');
    expect(() => resolveSiteAddress(config('https://gongkai.example.org'), { GONGKAI_DEPLOY: '1', GONGKAI_SITE_URL: 'https://gongkai.hlj.gov.cn' })).not.toThrow();
    expect(() => resolveSiteAddress(config('https://gongkai.hlj.gov.cn'), { GONGKAI_DEPLOY: '1', GONGKAI_SITE_URL: 'http://localhost:4321' })).toThrow(/from GONGKAI_SITE_URL/);
  });

  it('warns about a placeholder in a box that names the address, where it came from and everything that carries it', () => {
    const warning = formatPlaceholderWarning(resolveSiteAddress(config('https://x.example.com'), {}));
    const lines = warning.split('\n');
    expect(lines[0]).toMatch(/^!{20,}$/);
    expect(lines.at(-1)).toBe(lines[0]);
    expect(lines.slice(1, -1).every((l) => l.startsWith('! '))).toBe(true);
    expect(warning).toContain('https://x.example.com/ (from site.config.json)');
    for (const c of ['embed snippet', '/embed.js', 'oEmbed', 'chart image', 'citations', 'Atom feeds', '/data/reports.csv', 'canonical link', 'sitemap']) expect(warning).toContain(c);
  });
});
