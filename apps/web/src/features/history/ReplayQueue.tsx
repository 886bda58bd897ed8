import type { HistoricalCall } from '@watchfloor/contracts';
import { useTranslation } from 'react-i18next';
import { formatAge } from '../../ui/Age.tsx';

/** Pending first, then by priority and age: the queue as the dispatcher had it. */
function queueOrder(a: HistoricalCall, b: HistoricalCall): number {
  const pendingFirst = Number(b.status === 'pending') - Number(a.status === 'pending');
  if (pendingFirst !== 0) return pendingFirst;
  if (a.priority !== b.priority) return a.priority - b.priority;
  return Date.parse(a.receivedAt) - Date.parse(b.receivedAt);
}

/** The open calls at the playhead, with how long each had waited by then. */
export function ReplayQueue({
  calls,
  playhead,
}: {
  calls: readonly HistoricalCall[];
  playhead: number;
}) {
  const { t } = useTranslation();
  const sorted = calls.toSorted(queueOrder);
  const pending = sorted.filter((call) => call.status === 'pending').length;
  return (
    <section className="replay-queue" aria-labelledby="replay-queue-title">
      <h2 id="replay-queue-title">{t('history.queueTitle', { open: calls.length, pending })}</h2>
      {sorted.length === 0 ? (
        <p className="state state--empty">{t('history.queueEmpty')}</p>
      ) : (
        <ul>
          {sorted.map((call) => (
            <li key={call.id}>
              <span>
                <span className="replay-queue__priority">
                  {t('calls.priorityShort', { priority: call.priority })}
                </span>{' '}
                {call.callTypeDescription}
              </span>
              <span className="replay-queue__meta">
                {t(`callStatus.${call.status}`)} · {call.address ?? t('calls.noAddress')} ·{' '}
                {formatAge(
                  Math.max(0, Math.floor((playhead - Date.parse(call.receivedAt)) / 1000)),
                  t,
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
