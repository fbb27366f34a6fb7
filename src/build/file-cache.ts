/**
 * A directory of cached files by name, shared by the build's on-disk caches (the tidy lines cache,
 * the trimmed search pages): a read gives undefined for a file that is not there, a write goes to a
 * temporary name and is renamed into place (so a file is whole or absent), and `prune` removes every
 * file its test does not keep. The directory is created on first write.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface FileCache {
  read(name: string): Buffer | undefined;
  write(name: string, bytes: string | Uint8Array): void;
  prune(keep: (name: string) => boolean): void;
}

export function openFileCache(dir: string): FileCache {
  let written = 0;
  return {
    read(name) {
      try {
        return readFileSync(join(dir, name));
      } catch {
        return undefined;
      }
    },
    write(name, bytes) {
      mkdirSync(dir, { recursive: true });
      const temp = join(dir, `.${process.pid}.${++written}.tmp`);
      writeFileSync(temp, bytes);
      renameSync(temp, join(dir, name));
    },
    prune(keep) {
      let entries: string[];
      try {
        entries = readdirSync(dir);
      } catch {
        return;
      }
      for (const entry of entries) if (!keep(entry)) rmSync(join(dir, entry), { recursive: true, force: true });
    },
  };
}
