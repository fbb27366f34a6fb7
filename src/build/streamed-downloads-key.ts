/**
 * The global key under which the pages' bundle offers the streamed-downloads integration its files
 * (see streamed-downloads.ts); its own module so the integration can read it without loading the
 * download code.
 */

/** The `Symbol.for` name of the StreamedDownloadHooks on `globalThis`. */
export const STREAMED_DOWNLOADS_KEY = 'gongkai.streamedDownloads';
