/**
 * The contract between the build's image worker pool (src/integrations/image-workers.ts) and the
 * code that asks for images (src/embeds/build-images.ts), which Astro bundles separately: the pool
 * sits on `globalThis` under `Symbol.for(IMAGE_POOL_KEY)` during a build.
 */
import type { ChartImageText, OgImageText } from './chart-image.ts';

/** The global symbol name the pool is registered under. */
export const IMAGE_POOL_KEY = 'gongkai.imagePool';

/** One image to make: a chart's standalone SVG or PNG, or a report's preview PNG. */
export type ImageJob =
  | { readonly kind: 'chart-svg' | 'chart-png'; readonly chartSvg: string | null; readonly text: ChartImageText }
  | { readonly kind: 'og-png'; readonly chartSvg: string | null; readonly text: OgImageText };

/** What the pool offers: makes an image on a worker (through the image cache there) and resolves with its bytes. */
export interface ImagePool {
  run(job: ImageJob): Promise<Uint8Array<ArrayBuffer>>;
}
