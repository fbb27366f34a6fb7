/** The two versions of the annual report form (declared in declarations.ts), typed, and how to find one. */
import { F2019_DECLARATION, F2021_DECLARATION } from './declarations.ts';
import type { FormId, FormSpec } from './types.ts';

export { OUTCOME_GROUPS } from './declarations.ts';

/** F2019: the trial format of 国办公开办函〔2019〕60号. */
export const F2019: FormSpec = F2019_DECLARATION;

/** F2021: the format of 国办公开办函〔2021〕30号. */
export const F2021: FormSpec = F2021_DECLARATION;

/** Every form version, oldest first. */
export const FORMS: readonly FormSpec[] = [F2019, F2021];

/** Every form version by id. */
export const FORM_BY_ID: Readonly<Record<FormId, FormSpec>> = { F2019, F2021 };

/** The table ids in the order reports print them. */
export const TABLE_IDS = ['active', 'requests', 'appeals'] as const;

/** Looks up a form version by an id read from a file; undefined for an unknown id. */
export function findForm(id: string): FormSpec | undefined {
  return FORMS.find((f) => f.id === id);
}

/** The form version meant for a report year (spec §1); used only to warn on a mismatch. */
export function formForYear(year: number): FormId {
  return year <= 2020 ? 'F2019' : 'F2021';
}
