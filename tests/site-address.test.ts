/**
 * The public address on a real build: the test build (tests/global-setup.ts) warns when its address
 * is a placeholder, and a deploy build with a placeholder stops before it builds anything.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { resolveSiteAddress } from '../src/site/site-address.ts';

const address = resolveSiteAddress(readFileSync('site.config.json', 'utf8'), process.env);
const log = readFileSync(inject('buildLogFile'), 'utf8');

describe('the address a build writes', () => {
  it('is the resolved address, in the built pages', () => {
    const home = readFileSync(join(inject('distDir'), 'index.html'), 'utf8');
    expect(home).toContain(`<link rel="canonical" href="${address.url}">`);
  });

  it('is warned about before and after the build while it is a placeholder, and never otherwise', () => {
    const warnings = log.split('\n').flatMap((line, i) => (line.startsWith('! PLACEHOLDER ADDRESS:') ? [i] : []));
    if (!address.placeholder) {
      expect(warnings).toEqual([]);
      return;
    }
    expect(warnings).toHaveLength(2);
    expect(log).toContain(`! PLACEHOLDER ADDRESS: this build writes ${address.url} (from ${address.from}),`);
    // The first before Astro generates the paths, the second after the last path it lists.
    const lines = log.split('\n');
    const generating = lines.findIndex((line) => line.includes('generating static routes'));
    const pageLines = lines.flatMap((line, i) => (/[├└]─ \//.test(line) ? [i] : []));
    expect(generating).toBeGreaterThan(-1);
    expect(warnings[0]).toBeLessThan(generating);
    expect(warnings[1]).toBeGreaterThan(Math.max(generating, ...pageLines));
  });

  it('stops a deploy build with a placeholder before it writes anything, exit 1, saying how to set the address', () => {
    const out = mkdtempSync(join(tmpdir(), 'gongkai-deploy-'));
    try {
      const env = { ...process.env, GONGKAI_DEPLOY: '1', GONGKAI_SITE_URL: 'https://gongkai.example.org' };
      const run = spawnSync(process.execPath, [join('node_modules', 'astro', 'bin', 'astro.mjs'), 'build', '--outDir', join(out, 'dist')], { env, encoding: 'utf8' });
      expect(run.status).toBe(1);
      const said = run.stdout + run.stderr;
      expect(said).toContain('Deploy build refused: the public address is https://gongkai.example.org/ (from GONGKAI_SITE_URL)');
      expect(said).toContain('npm run build:deploy');
      expect(existsSync(join(out, 'dist')) ? readdirSync(join(out, 'dist')) : []).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
