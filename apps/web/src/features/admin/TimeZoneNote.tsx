import { useTranslation } from 'react-i18next';
import { useAgency } from '../agency/useAgency.ts';

/** Says which zone the times on the page are in; blank (same height) until it is known. */
export function TimeZoneNote() {
  const { t } = useTranslation();
  const timeZone = useAgency().data?.timeZone;
  return <p className="page__note">{timeZone ? t('time.zoneNote', { timeZone }) : ''}</p>;
}
