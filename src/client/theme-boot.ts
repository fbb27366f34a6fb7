/** The theme's inline boot script, kept apart from the button's code so the button's bundle does not carry it. */
import { THEME_KEY } from './theme-state.ts';

/**
 * The inline script that runs in `<head>` before the page paints, so a stored choice never flashes
 * the other theme first. It also marks `<html class="js">`, which shows the theme button from the
 * first paint (no layout shift when the button's script runs; no dead button without JavaScript).
 * It must stay tiny and dependency-free.
 */
export const THEME_BOOT_SCRIPT = `document.documentElement.classList.add("js");try{var t=localStorage.getItem(${JSON.stringify(THEME_KEY)});if(t==="light"||t==="dark")document.documentElement.dataset.theme=t}catch(e){}`;
