/**
 * The viewer's theme: "system" follows prefers-color-scheme; "light" or
 * "dark" is kept in localStorage and set on <html data-theme> by a small
 * inline script before the first paint, so the page never flashes the wrong
 * theme. CSS does the rest: every colour token is a light-dark() pair and
 * the root's color-scheme picks one (app/globals.css).
 */
export type ThemeChoice = 'system' | 'light' | 'dark';

export const THEME_KEY = 'ap-theme';
/** Fired on window when the choice changes, for what CSS cannot reach (Monaco's theme). */
export const THEME_EVENT = 'ap-theme-change';

/** Runs in <head> before the body paints; kept tiny and failure-proof (storage may be blocked). */
export const THEME_BOOT_SCRIPT = `try{var t=localStorage.getItem('${THEME_KEY}');if(t==='light'||t==='dark')document.documentElement.dataset.theme=t}catch(e){}`;

export function readThemeChoice(): ThemeChoice {
  try {
    const t = localStorage.getItem(THEME_KEY);
    return t === 'light' || t === 'dark' ? t : 'system';
  } catch {
    return 'system';
  }
}

export function applyThemeChoice(choice: ThemeChoice): void {
  try {
    if (choice === 'system') localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, choice);
  } catch {
    // Storage blocked: the choice lasts for this page only.
  }
  if (choice === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = choice;
  window.dispatchEvent(new Event(THEME_EVENT));
}

/** Whether the page shows dark now: a forced scheme (the view's ?theme=, the studio's choice) or the system's. */
export function isDarkNow(): boolean {
  const forced = document.querySelector('.ap-theme[data-theme]')?.getAttribute('data-theme') ?? document.documentElement.dataset.theme;
  if (forced === 'dark' || forced === 'light') return forced === 'dark';
  return window.matchMedia('(prefers-color-scheme: dark)').matches;
}
