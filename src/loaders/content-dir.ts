/** Where the content lives: `./content` unless a flag or GONGKAI_CONTENT says otherwise. */
import { resolve } from 'node:path';

/** The environment variable that points the build and the CLIs at another content directory. */
export const CONTENT_ENV = 'GONGKAI_CONTENT';

/** Resolves the content directory from a flag, then the environment, then the default. */
export function resolveContentDir(flag?: string): string {
  return resolve(flag ?? process.env[CONTENT_ENV] ?? 'content');
}
