import { useTranslation } from 'react-i18next';
import { useClockFormatter } from '../../agency/useAgency.ts';
import type { Connection } from '../../live/realtimeContext.ts';

/**
 * A small note over the map saying whether what it shows is live. The banner announces
 * changes; this stays in view, so a glance at the map tells whether to trust it.
 */
export function LiveMapStatus({ connection }: { connection: Connection | null }) {
  const { t } = useTranslation();
  const formatClock = useClockFormatter();
  const state = connection?.state ?? 'connecting';
  const lastUpdateAt = connection?.lastUpdateAt ?? null;

  let text: string;
  if (state === 'live') text = t('live.statusLive');
  else if (state === 'connecting') text = t('live.statusConnecting');
  else if (lastUpdateAt !== null && formatClock) {
    text = t('live.statusStale', { time: formatClock(lastUpdateAt) });
  } else text = t('live.statusNeverLive');

  return (
    <p className={`live-map-status live-map-status--${state}`}>
      <span className="live-map-status__dot" aria-hidden="true" />
      {text}
    </p>
  );
}
