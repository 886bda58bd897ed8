import type { AgencyConfig, Call } from '@watchfloor/contracts';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../lib/ticker.ts';
import { secondsSince } from '../../lib/time.ts';
import { formatAge } from '../../ui/Age.tsx';
import { urgencyAt, urgencyThresholds } from './queueUrgency.ts';

interface QueueAgeProps {
  call: Pick<Call, 'receivedAt' | 'status' | 'priority'>;
  priorities: AgencyConfig['priorities'];
}

/**
 * A queue row's live age, marked amber or red against the call's targets. The row takes its
 * colour from this element (CSS `:has`), so a tick re-renders this element only; the marker
 * (▲) and its text say it without colour.
 */
export function QueueAge({ call, priorities }: QueueAgeProps) {
  const { t } = useTranslation();
  const now = useNow();
  const age = secondsSince(call.receivedAt, now);
  const urgency = urgencyAt(age, urgencyThresholds(call, priorities));
  return (
    <span className={`age open-call-row__age queue-age--${urgency}`}>
      {urgency !== 'ok' && (
        <span className="queue-age__marker" aria-hidden="true">
          {urgency === 'red' ? '▲▲ ' : '▲ '}
        </span>
      )}
      {formatAge(age, t)}
      {urgency !== 'ok' && <span className="visually-hidden">{t(`queue.${urgency}`)}</span>}
    </span>
  );
}
