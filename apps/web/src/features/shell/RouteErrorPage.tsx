import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../lib/usePageTitle.ts';

/** Last resort when rendering a route throws (e.g. a lazily loaded chunk is missing after a deploy). */
export function RouteErrorPage() {
  const { t } = useTranslation();
  usePageTitle(t('routeError.title'));
  return (
    <main className="full-page-status">
      <h1>{t('routeError.title')}</h1>
      <p role="alert">{t('routeError.body')}</p>
    </main>
  );
}
