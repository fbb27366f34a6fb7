/** Serves a generated download from an endpoint: the build writes the body as the file, byte for byte. */
import type { DownloadFile } from './site-downloads.ts';

/**
 * Makes the response of a download endpoint, with its media type and UTF-8 charset. A file of one
 * piece is sent as text; a file of many (the site-wide cells.csv) as a stream of its pieces, so no
 * string ever holds the whole file.
 */
export function makeDownloadResponse(file: DownloadFile): Response {
  const headers = { 'Content-Type': `${file.mediaType}; charset=utf-8` };
  const pieces = file.pieces()[Symbol.iterator]();
  const first = pieces.next();
  const second = first.done ? first : pieces.next();
  if (second.done) return new Response(first.done ? '' : first.value, { headers });
  const encoder = new TextEncoder();
  const pending = [first.value, second.value];
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const piece = pending.shift();
      if (piece !== undefined) return controller.enqueue(encoder.encode(piece));
      const next = pieces.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  return new Response(body, { headers });
}

/** The site's address as the downloads write it ('' when the build has none configured). */
export function formatSiteAddress(site: URL | undefined): string {
  return site?.href ?? '';
}
