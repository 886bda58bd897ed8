import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useAppAbility } from '../auth/ability.ts';
import { visibleNavItems } from './navigation.ts';

export function MainNav() {
  const { t } = useTranslation();
  const items = visibleNavItems(useAppAbility());
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
