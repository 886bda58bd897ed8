import { useTranslation } from 'react-i18next';
import { Age } from '../../ui/Age.tsx';
import type { DistrictSummary } from './districtSummary.ts';

/**
 * One district's live strip: open calls by priority, how long the oldest pending call has
 * waited, and the units free, working and out of service.
 */
export function DistrictLiveSummary({ summary }: { summary: DistrictSummary }) {
  const { t } = useTranslation();
  const { openByPriority, oldestPending, units } = summary;
  return (
    <span className="district-live">
      <span>
        {openByPriority.length === 0
          ? t('districtLive.noOpenCalls')
          : openByPriority
              .map(({ priority, count }) => t('districtLive.priorityCount', { priority, count }))
              .join(' · ')}
      </span>
      <span>
        {oldestPending ? (
          <>
            {t('districtLive.oldestPending')} <Age since={oldestPending.receivedAt} />
          </>
        ) : (
          t('districtLive.nonePending')
        )}
      </span>
      <span>{t('districtLive.units', units)}</span>
    </span>
  );
}
