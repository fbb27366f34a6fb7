/**
 * Makes Astro's incremental build survive a move of the project (a kept `.cache/` and `dist/`
 * restored at another path: docs/caches.md). Astro 7.3 keys each route by a hash of its modules
 * (`hashModules` in astro/dist/core/build/plugins/plugin-incremental.js) that takes each module's
 * Vite id, its absolute path, and its compiled code, which for an `.astro` file names its absolute
 * path too, in its text and in its inline source map; so at another path every route's
 * `dependencyHash` differs and every keyed page is rendered again. Nothing in Astro's config reaches that hash, so this Vite plugin wraps the
 * `generateBundle` hook of Astro's plugin (found by its name once the config is resolved): while
 * that synchronous hook runs, every string it hashes has the project root replaced by a fixed mark
 * and its inline source maps by another. The hash still covers every module's path under the root
 * and all its code; it no longer covers where the root is. Anything outside the root (a linked node_modules) is hashed as it was.
 *
 * When Astro's plugin is not found or its hook is not synchronous, nothing changes: the routes are
 * keyed as Astro keys them (correct, only not portable). Remove this when Astro hashes paths
 * relative to the root.
 */
import crypto from 'node:crypto';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/** The name of Astro's plugin that computes the routes' dependency hashes. */
export const ASTRO_INCREMENTAL_PLUGIN = '@astro/plugin-incremental';

/**
 * An inline source map (`//# sourceMappingURL=data:…`, the compiled `.astro` modules carry one): its
 * base64 names the sources by absolute path. It is made from the module's source, whose compiled code
 * the hash covers anyway, so it is hashed as a mark.
 */
const INLINE_SOURCE_MAP = /([#@] sourceMappingURL=data:)[^\s'"`*]*/g;

/** What a hashed string says instead of the project root. */
const ROOT_MARK = '<project-root>';

/** The roots a module id or compiled code may name the project by: as configured and its real path, longest first, without a trailing `/`. */
export function listRootSpellings(root: string): string[] {
  const strip = (p: string): string => p.replace(/\/+$/, '');
  let real = root;
  try {
    real = realpathSync(root);
  } catch {
    // A root that does not exist: as configured.
  }
  return [...new Set([strip(root), strip(real)])].filter((p) => p.length > 1).sort((a, b) => b.length - a.length);
}

/** Runs `fn` (synchronous) with every string hashed by `crypto.createHash` having the roots replaced by a fixed mark; restores `createHash` after. */
export function hashWithoutRoot<T>(roots: readonly string[], fn: () => T): T {
  const real = crypto.createHash;
  const hide = (text: string): string => roots.reduce((t, root) => t.replaceAll(root, ROOT_MARK), text.replace(INLINE_SOURCE_MAP, '$1<inline>'));
  crypto.createHash = ((algorithm: string, options?: crypto.HashOptions) => {
    const hash = real(algorithm, options);
    const update = hash.update.bind(hash) as (data: crypto.BinaryLike, encoding?: crypto.Encoding) => crypto.Hash;
    hash.update = ((data: crypto.BinaryLike, encoding?: crypto.Encoding) => update(typeof data === 'string' ? hide(data) : data, encoding)) as typeof hash.update;
    return hash;
  }) as typeof crypto.createHash;
  try {
    return fn();
  } finally {
    crypto.createHash = real;
  }
}

/** A hook as Vite and Rolldown take it: a function, or an object with a `handler`. */
type Hook = ((...args: unknown[]) => unknown) | { handler: (...args: unknown[]) => unknown };

/** Wraps the plugin's `generateBundle` so that it hashes without the roots; false when it has none. */
export function wrapGenerateBundle(plugin: { generateBundle?: Hook }, roots: readonly string[]): boolean {
  const hook = plugin.generateBundle;
  if (!hook) return false;
  const handler = typeof hook === 'function' ? hook : hook.handler;
  const wrapped = function (this: unknown, ...args: unknown[]): unknown {
    return hashWithoutRoot(roots, () => handler.apply(this, args));
  };
  plugin.generateBundle = typeof hook === 'function' ? wrapped : { ...hook, handler: wrapped };
  return true;
}

/** The Astro integration: adds the Vite plugin that wraps Astro's (see the file's comment). */
export function portableRouteHashesIntegration(): AstroIntegration {
  return {
    name: 'gongkai-portable-route-hashes',
    hooks: {
      'astro:config:setup': ({ config, updateConfig, logger }) => {
        const roots = listRootSpellings(fileURLToPath(config.root));
        const wrapped = new WeakSet<object>();
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'gongkai-portable-route-hashes',
                configResolved(resolved) {
                  if (resolved.command !== 'build') return;
                  const astro = (resolved.plugins as readonly { name: string; generateBundle?: Hook }[]).find((p) => p.name === ASTRO_INCREMENTAL_PLUGIN);
                  if (!astro || wrapped.has(astro)) return;
                  wrapped.add(astro);
                  if (!wrapGenerateBundle(astro, roots)) logger.warn(`${ASTRO_INCREMENTAL_PLUGIN} has no generateBundle hook: the routes' hashes stay tied to the project's path`);
                },
              },
            ],
          },
        });
      },
    },
  };
}
