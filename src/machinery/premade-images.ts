/**
 * The report charts' standalone SVGs the chart workers make ahead in a cold build, into a folder of
 * this build that the build registry names (src/integrations/prerender-charts.ts creates and removes
 * it), each named by a hash of what it is made from (chartImageKey in src/embeds/build-images.ts):
 * the workers write them, the writer of the files beside the pages reads them.
 */
import { join } from 'node:path';
import { readFileIfAny, writeFileWhole } from './file-cache.ts';
import { buildRegistry } from './registry.ts';

/** Where an image made ahead into `dir` is kept: `<dir>/<key>.svg`. */
function premadePath(dir: string, key: string): string {
  return join(dir, `${key}.svg`);
}

/** Keeps an image made ahead in `dir`, under its key, written whole. */
export function keepPremadeImage(dir: string, key: string, svg: string): void {
  writeFileWhole(premadePath(dir, key), svg);
}

/** The images made ahead in this build, when the registry names their folder: each read counted as used. */
export function openPremadeImages(): { readonly read: (key: string) => Uint8Array<ArrayBuffer> | undefined } | undefined {
  const premade = buildRegistry().premadeChartImages;
  if (!premade) return undefined;
  return {
    read(key) {
      const bytes = readFileIfAny(premadePath(premade.dir, key));
      if (!bytes) return undefined;
      premade.used += 1;
      return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) as Uint8Array<ArrayBuffer>;
    },
  };
}
