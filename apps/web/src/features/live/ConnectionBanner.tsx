import { useTranslation } from 'react-i18next';
import { useClockFormatter } from '../agency/useAgency.ts';
import { useConnection } from './realtimeContext.ts';

/**
 * Says so when live updates stop, and when they come back. The live region is always in the
 * page (assistive technology announces changes to a region it already knows); it floats over
 * the page so nothing below it moves when it appears.
 */
export function ConnectionBanner() {
  const { t } = useTranslation();
  const connection = useConnection();
  const formatClock = useClockFormatter();

  let message: { text: string; tone: 'down' | 'ok' } | null = null;
  if (connection?.state === 'down') {
    const since =
      connection.lastUpdateAt !== null && formatClock
        ? t('live.lastUpdate', { time: formatClock(connection.lastUpdateAt) })
        : t('live.noUpdateYet');
    message = { text: `${t('live.lost')} ${since}`, tone: 'down' };
  } else if (connection?.recovered) {
    message = { text: t('live.restored'), tone: 'ok' };
  }

  return (
    <div className="connection-banner-region" role="status">
      {message && (
        <p className={`connection-banner connection-banner--${message.tone}`}>{message.text}</p>
      )}
    </div>
  );
}
