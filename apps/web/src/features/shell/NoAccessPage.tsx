import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../lib/usePageTitle.ts';

/** For accounts whose role has no page here (e.g. an integration account signing in by hand). */
export function NoAccessPage() {
  const { t } = useTranslation();
  usePageTitle(t('noAccess.title'));
  return (
    <div className="page page--narrow">
      <h1>{t('noAccess.title')}</h1>
      <p>{t('noAccess.body')}</p>
    </div>
  );
}
