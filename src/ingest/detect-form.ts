/**
 * Detects the form version from the labels of the tables (spec §1), never from the year or the
 * preamble. Assumes each version's markers (src/form) are printed only on that version: a table
 * text carrying markers of both, or of neither, is an unknown layout and is refused.
 */
import { FORMS } from '../form/forms.ts';
import type { FormSpec } from '../form/types.ts';
import { normaliseLabel } from './normalise-text.ts';

/** The version found, or why none was. */
export type FormDetection =
  | { readonly ok: true; readonly form: FormSpec; readonly markers: readonly string[] }
  | { readonly ok: false; readonly message: string };

/** Detects the form version from the label text of the tables (label text only, cells left out). */
export function detectForm(labelText: string): FormDetection {
  const text = normaliseLabel(labelText);
  const hits = FORMS.map((form) => ({ form, markers: form.markers.filter((m) => text.includes(normaliseLabel(m))) }));
  const found = hits.filter((h) => h.markers.length >= 2);
  const listing = hits.map((h) => `${h.form.id}: ${h.markers.length}/${h.form.markers.length} (${h.markers.join('、') || 'none'})`).join('; ');
  if (found.length === 1 && found[0]) {
    const other = hits.filter((h) => h !== found[0] && h.markers.length > 0);
    if (other.length === 0) return { ok: true, form: found[0].form, markers: found[0].markers };
  }
  return {
    ok: false,
    message: `unknown form: the table labels match no single form version (markers found ${listing})`,
  };
}
