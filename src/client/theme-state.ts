/**
 * The reader's choice of colour theme, without the DOM: 自动 follows the system; 浅色 and 深色 are
 * stored in localStorage and set as `<html data-theme>`, which the stylesheet lets override the system.
 */

/** The three choices, in the order the header button cycles through them. */
export const THEME_CHOICES = ['auto', 'light', 'dark'] as const;

/** A theme choice. */
export type ThemeChoice = (typeof THEME_CHOICES)[number];

/** What the header button says for each choice. */
export const THEME_LABELS: Readonly<Record<ThemeChoice, string>> = { auto: '自动', light: '浅色', dark: '深色' };

/** The localStorage key of the choice. */
export const THEME_KEY = 'gongkai-theme';

/** Reads a stored value as a choice; anything else (nothing stored, old values) is 自动. */
export function readThemeChoice(stored: string | null): ThemeChoice {
  return stored === 'light' || stored === 'dark' ? stored : 'auto';
}

/** The choice after `current` when the button is pressed. */
export function nextThemeChoice(current: ThemeChoice): ThemeChoice {
  return THEME_CHOICES[(THEME_CHOICES.indexOf(current) + 1) % THEME_CHOICES.length] ?? 'auto';
}

