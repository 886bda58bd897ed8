import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { visibleNavItems } from './navigation.ts';
import { useViewer } from './useViewer.ts';

export function MainNav() {
  const { t } = useTranslation();
  const items = visibleNavItems(useViewer());
  return (
    <nav aria-label={t('nav.label')} className="main-nav">
      <ul>
        {items.map((item) => (
          <li key={item.id}>
            <NavLink to={item.path} className="main-nav__link">
              {t(item.labelKey)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
