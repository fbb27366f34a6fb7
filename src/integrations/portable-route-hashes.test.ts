import crypto from 'node:crypto';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashWithoutRoot, listRootSpellings, wrapGenerateBundle } from './portable-route-hashes.ts';

/** How Astro's plugin hashes a module: its id, then its code (plugin-incremental.js, hashModules, through `crypto.createHash` of the default import, as Astro calls it). */
function hashModule(id: string, code: string): string {
  return crypto.createHash('sha256').update(id).update('\n').update(code).digest('hex');
}

const scratch = mkdtempSync(join(tmpdir(), 'portable-route-hashes-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('hashWithoutRoot', () => {
  const map = (root: string): string => `//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify({ sources: [`${root}/src/pages/a.astro`] })).toString('base64')}`;
  const code = (root: string, body: string): string => `${body}\nconst $$file = "${root}/src/pages/a.astro";\n${map(root)}\n`;

  it('hashes a module alike wherever the project is, its inline source map included', () => {
    const at = (root: string): string => hashWithoutRoot([root], () => hashModule(`${root}/src/pages/a.astro`, code(root, 'render(1)')));
    expect(at('/work/a/site')).toBe(at('/tmp/ci/workspace/site'));
    // Without the wrapper, the path is in the hash.
    expect(hashModule('/work/a/site/src/pages/a.astro', code('/work/a/site', 'render(1)'))).not.toBe(hashModule('/tmp/b/src/pages/a.astro', code('/tmp/b', 'render(1)')));
  });

  it('still tells apart a changed module, another module and code outside the root', () => {
    const root = '/work/a/site';
    const hash = (id: string, body: string): string => hashWithoutRoot([root], () => hashModule(id, code(root, body)));
    const base = hash(`${root}/src/pages/a.astro`, 'render(1)');
    expect(hash(`${root}/src/pages/a.astro`, 'render(2)')).not.toBe(base);
    expect(hash(`${root}/src/pages/b.astro`, 'render(1)')).not.toBe(base);
    expect(hashWithoutRoot([root], () => hashModule('/elsewhere/node_modules/x.js', 'x'))).toBe(hashModule('/elsewhere/node_modules/x.js', 'x'));
  });

  it('restores createHash after, even when the hook throws', () => {
    expect(() => hashWithoutRoot(['/r'], () => { throw new Error('boom'); })).toThrow('boom');
    expect(crypto.createHash('sha256').update('/r/x').digest('hex')).not.toBe(crypto.createHash('sha256').update('<project-root>/x').digest('hex'));
    expect(hashModule('/r/x', '')).not.toBe(hashWithoutRoot(['/r'], () => hashModule('/r/x', '')));
  });
});

describe('listRootSpellings and wrapGenerateBundle', () => {
  it('names the root as configured and by its real path, without a trailing slash', () => {
    const real = join(scratch, 'real');
    const link = join(scratch, 'link');
    rmSync(real, { recursive: true, force: true });
    mkdtempSync(`${real}-`);
    symlinkSync(scratch, link);
    expect(listRootSpellings(`${link}/`)).toEqual([link, scratch].sort((a, b) => b.length - a.length));
  });

  it('wraps a function hook and an object hook, keeping `this` and the arguments', () => {
    const seen: unknown[] = [];
    const fn = { generateBundle(this: unknown, ...args: unknown[]) { seen.push(this, ...args, hashModule('/p/a', '')); } };
    expect(wrapGenerateBundle(fn as never, ['/p'])).toBe(true);
    (fn.generateBundle as (...a: unknown[]) => void).call('ctx', 1);
    expect(seen).toEqual(['ctx', 1, hashModule('<project-root>/a', '')]);
    const obj = { generateBundle: { order: 'post', handler: () => hashModule('/p/a', '') } };
    wrapGenerateBundle(obj as never, ['/p']);
    expect(obj.generateBundle.order).toBe('post');
    expect(obj.generateBundle.handler()).toBe(hashModule('<project-root>/a', ''));
    expect(wrapGenerateBundle({} as never, ['/p'])).toBe(false);
  });
});
