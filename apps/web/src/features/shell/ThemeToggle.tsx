import { useTranslation } from 'react-i18next';
import { useTheme } from '../../app/ThemeProvider.tsx';

/** A toggle button: its name stays the same and `aria-pressed` says whether light is on. */
export function ThemeToggle() {
  const { t } = useTranslation();
  const { theme, toggleTheme } = useTheme();
  return (
    <button
      type="button"
      className="button button--quiet"
      aria-pressed={theme === 'light'}
      onClick={toggleTheme}
    >
      {t('theme.light')}
    </button>
  );
}
