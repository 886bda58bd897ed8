import type { Call, CallEvent } from '@watchfloor/contracts';
import { useTranslation } from 'react-i18next';
import { useInstantFormatter } from '../agency/useAgency.ts';
import type { CallDetailPanelProps } from './CallDetailPanel.tsx';

export function CallFacts({
  call,
  agency,
}: {
  call: Call;
  agency: CallDetailPanelProps['agency'];
}) {
  const { t } = useTranslation();
  const formatInstant = useInstantFormatter();
  const priorityLabel = agency.priorities.find((entry) => entry.level === call.priority)?.label;
  return (
    <dl className="details-list">
      <dt>{t('calls.type')}</dt>
      <dd>{call.callTypeDescription}</dd>
      <dt>{t('calls.priority')}</dt>
      <dd>
        {t('calls.priorityShort', { priority: call.priority })}
        {priorityLabel ? ` · ${priorityLabel}` : ''}
      </dd>
      <dt>{t('calls.status')}</dt>
      <dd>{t(`callStatus.${call.status}`)}</dd>
      <dt>{t('calls.received')}</dt>
      <dd>{formatInstant?.(call.receivedAt)}</dd>
      <dt>{t('calls.address')}</dt>
      <dd>{call.address ?? t('calls.noAddress')}</dd>
      <dt>{t('calls.area')}</dt>
      <dd>{[call.district, call.beat].filter(Boolean).join(' / ') || t('calls.noArea')}</dd>
      {call.disposition && (
        <>
          <dt>{t('callDetail.disposition')}</dt>
          <dd>{call.disposition}</dd>
        </>
      )}
    </dl>
  );
}

/** Caller data and notes only when the response carries them; never a hint of what is hidden. */
export function CallerSection({ call }: { call: Call }) {
  const { t } = useTranslation();
  const formatInstant = useInstantFormatter();
  const hasCaller = 'callerName' in call || 'callerPhone' in call || 'narrative' in call;
  return (
    <section className="call-detail__section" aria-label={t('callDetail.callerTitle')}>
      <h3>{t('callDetail.callerTitle')}</h3>
      {hasCaller ? (
        <dl className="details-list">
          <dt>{t('callDetail.callerName')}</dt>
          <dd>{call.callerName ?? t('callDetail.none')}</dd>
          <dt>{t('callDetail.callerPhone')}</dt>
          <dd>{call.callerPhone ?? t('callDetail.none')}</dd>
          <dt>{t('callDetail.narrative')}</dt>
          <dd>{call.narrative ?? t('callDetail.none')}</dd>
        </dl>
      ) : (
        <p className="state state--empty">{t('callDetail.notForRole')}</p>
      )}
      {call.notes && call.notes.length > 0 && (
        <>
          <h3>{t('callDetail.notesTitle')}</h3>
          <ul className="call-detail__notes">
            {call.notes.map((note, index) => (
              <li key={`${note.at}-${index}`}>
                <span className="call-detail__meta">
                  {formatInstant?.(note.at)} · {note.author ?? t('callDetail.system')}
                </span>
                <span>{note.text}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/** Event data not worth a line of the timeline: positions, ingest bookkeeping, raw ids. */
export const quietEventKeys = new Set([
  ...['at', 'lat', 'lon', 'sourceCallId', 'sourceEventId', 'unitId'],
  // Caller data has its own section (when the reader may see it).
  ...['callerName', 'callerPhone', 'narrative'],
]);
export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function eventSummary(event: CallEvent): string {
  return Object.entries(event.data)
    .filter(([key, value]) => !quietEventKeys.has(key) && !uuidPattern.test(String(value)))
    .filter(([, value]) => ['string', 'number', 'boolean'].includes(typeof value))
    .map(([key, value]) => `${key}: ${String(value)}`)
    .join(', ');
}

export function Timeline({ timeline }: { timeline: readonly CallEvent[] }) {
  const { t } = useTranslation();
  const formatInstant = useInstantFormatter();
  return (
    <section className="call-detail__section" aria-label={t('callDetail.timelineTitle')}>
      <h3>{t('callDetail.timelineTitle')}</h3>
      {timeline.length === 0 ? (
        <p className="state state--empty">{t('callDetail.noEvents')}</p>
      ) : (
        <ol className="call-detail__timeline">
          {timeline.map((event) => (
            <li key={event.id}>
              <span className="call-detail__meta">
                <time dateTime={event.at}>{formatInstant?.(event.at)}</time> ·{' '}
                {event.actor ?? t('callDetail.system')} · v{event.version}
              </span>
              <span>
                {t(`callDetail.event.${event.type}`)}
                {eventSummary(event) ? ` (${eventSummary(event)})` : ''}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
