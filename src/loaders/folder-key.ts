/**
 * The content memo's key of a report folder and the digest of its source file
 * (src/loaders/load-content.ts): one module, with no other import than the file names and the form's
 * tables, so the thread that reads the folders ahead of the loader (src/machinery/content-prefetch.ts)
 * hashes them the same way.
 */
import { createHash } from 'node:crypto';
import { TABLE_IDS } from '../form/forms.ts';
import { REPORT_FILES } from '../reports/layout.ts';

/** The version of the memo entries' format: part of every key. */
export const MEMO_FORMAT = 'content-memo 2';

/** The files the key hashes, in order: the text, the three tables, the source lines when present (the source file is checked apart, by the name its entry records). */
const KEYED_FILES = [REPORT_FILES.text, ...TABLE_IDS.map((t) => REPORT_FILES.tables[t]), REPORT_FILES.sourceLines];

/** SHA-256 (hex) of a file's bytes, or null when it is absent. */
export function digestBytes(bytes: Uint8Array | undefined): string | null {
  return bytes === undefined ? null : createHash('sha256').update(bytes).digest('hex');
}

/**
 * The memo key of the report folder `base`: its files' bytes (KEYED_FILES, read by `readBytes`,
 * undefined when absent) and `context` (the jurisdiction list the front matter is checked against).
 */
export function folderKey(readBytes: (path: string) => Uint8Array | undefined, base: string, context: string): string {
  const hash = createHash('sha256').update(`${MEMO_FORMAT}\u0000${context}\u0000`);
  for (const name of KEYED_FILES) {
    const bytes = readBytes(`${base}/${name}`);
    hash.update(`${name}\u0000${bytes === undefined ? 'absent' : bytes.length}\u0000`);
    if (bytes) hash.update(bytes);
  }
  return hash.digest('hex');
}
