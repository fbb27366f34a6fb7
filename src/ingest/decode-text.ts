/**
 * Decodes the bytes of a text or HTML report. Assumes the only encodings in use are UTF-8 (with or
 * without BOM), UTF-16 with BOM and GB18030/GBK/GB2312 (GB18030 is a superset of the other two):
 * bytes that are valid UTF-8 are UTF-8, anything else is tried as GB18030, and UTF-8 with a few
 * damaged bytes is read with them replaced by U+FFFD (which no number contains).
 */

/** The encodings a report may come in. */
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

/** Decoded text (with how many invalid bytes were replaced by U+FFFD), or why the bytes are not text. */
export type DecodedText = { readonly ok: true; readonly text: string; readonly encoding: TextEncoding; readonly replaced?: number } | { readonly ok: false; readonly message: string };

/** Decodes report bytes, detecting the encoding; the BOM is not part of the text. */
export function decodeTextBytes(bytes: Uint8Array): DecodedText {
  const decode = (label: string, body: Uint8Array): string | null => {
    try {
      return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(body);
    } catch {
      return null;
    }
  };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = decode('utf-8', bytes.subarray(3));
    if (text !== null) return { ok: true, text, encoding: 'utf-8-bom' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    const text = decode('utf-16le', bytes.subarray(2));
    if (text !== null) return { ok: true, text, encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const text = decode('utf-16be', bytes.subarray(2));
    if (text !== null) return { ok: true, text, encoding: 'utf-16be' };
  }
  const utf8 = decode('utf-8', bytes);
  if (utf8 !== null) return checkText(utf8, 'utf-8');
  const gb = decode('gb18030', bytes);
  if (gb !== null) return checkText(gb, 'gb18030');
  // Mostly UTF-8 with a few damaged bytes: keep the text, the damaged places become U+FFFD and never numbers.
  const lossy = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const replaced = (lossy.match(/\uFFFD/g) ?? []).length;
  if (replaced * 100 <= lossy.length) {
    const checked = checkText(lossy, 'utf-8');
    return checked.ok ? { ...checked, replaced } : checked;
  }
  return { ok: false, message: 'the file is neither UTF-8 nor GB18030/GBK text' };
}

/** Refuses binary data that happens to decode (NUL and other control bytes). */
function checkText(text: string, encoding: TextEncoding): DecodedText {
  const controls = (text.match(/[\u0000-\u0008\u000E-\u001F]/g) ?? []).length;
  if (controls > 0 && controls * 200 > text.length) return { ok: false, message: `the file holds binary data (${controls} control characters), not text` };
  return { ok: true, text, encoding };
}
