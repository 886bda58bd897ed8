export type Theme = 'dark' | 'light';

const storageKey = 'watchfloor.theme';

/** Dark unless the user chose light: dispatch floors are dim. */
export function readStoredTheme(): Theme {
  try {
    return localStorage.getItem(storageKey) === 'light' ? 'light' : 'dark';
  } catch {
    // Storage can be blocked by policy; the default still works.
    return 'dark';
  }
}

export function storeTheme(theme: Theme): void {
  try {
    localStorage.setItem(storageKey, theme);
  } catch {
    // Not remembered across reloads, but still applied now.
  }
}

/** The stylesheet keys every colour off this attribute. */
export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
}
