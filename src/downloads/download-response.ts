/** Serves a generated download from an endpoint: the build writes the body as the file, byte for byte. */
import type { DownloadFile } from './site-downloads.ts';

/** Makes the response of a download endpoint, with its media type and UTF-8 charset. */
export function makeDownloadResponse(file: DownloadFile): Response {
  return new Response(file.text, { headers: { 'Content-Type': `${file.mediaType}; charset=utf-8` } });
}

/** The site's address as the downloads write it ('' when the build has none configured). */
export function formatSiteAddress(site: URL | undefined): string {
  return site?.href ?? '';
}
