/** The header's theme button: shows the current choice and cycles 自动 → 浅色 → 深色, stored in localStorage. */
import { nextThemeChoice, readThemeChoice, THEME_KEY, THEME_LABELS, type ThemeChoice } from './theme-state.ts';

const button = document.querySelector<HTMLButtonElement>('#theme-toggle');

/** Reads the stored choice; 自动 when storage is unavailable. */
function loadChoice(): ThemeChoice {
  try {
    return readThemeChoice(localStorage.getItem(THEME_KEY));
  } catch {
    return 'auto';
  }
}

/** Stores a choice (自动 removes it); silently keeps it for this page only when storage is unavailable. */
function storeChoice(choice: ThemeChoice): void {
  try {
    if (choice === 'auto') localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, choice);
  } catch {
    // Private mode or storage disabled: the choice lasts until the page is left.
  }
}

/** Applies a choice to the page and the button. */
function applyChoice(choice: ThemeChoice): void {
  if (choice === 'auto') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = choice;
  if (button) button.textContent = `外观：${THEME_LABELS[choice]}`;
}

if (button) {
  let choice = loadChoice();
  applyChoice(choice);
  button.addEventListener('click', () => {
    choice = nextThemeChoice(choice);
    storeChoice(choice);
    applyChoice(choice);
  });
}
