import type { AuditEventView } from '@watchfloor/contracts';
import { Fragment, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useInstantFormatter } from '../agency/useAgency.ts';

/** "Call 2026-000123": the subject's type and its name, or its raw id when it has none. */
function subjectText(event: AuditEventView): string | null {
  if (!event.subjectType) return null;
  return [event.subjectType, event.subjectLabel ?? event.subjectId].filter(Boolean).join(' ');
}

const columns = 6;

/**
 * The audit log, one compact row per event; a row's button discloses everything the
 * event holds (raw ids, address, user agent, request id, chain hash, details).
 */
export function AuditTable({ events }: { events: AuditEventView[] }) {
  const { t } = useTranslation();
  const formatInstant = useInstantFormatter();
  const captionId = useId();
  const rowId = useId();
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const none = t('audit.none');
  const toggle = (id: number) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="data-table">
        <caption id={captionId}>{t('audit.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.at')}</th>
            <th scope="col">{t('audit.actor')}</th>
            <th scope="col">{t('audit.action')}</th>
            <th scope="col">{t('audit.subject')}</th>
            <th scope="col">{t('audit.outcome')}</th>
            <th scope="col">{t('audit.details')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => {
            const expanded = open.has(event.id);
            const detailsId = `${rowId}-${event.id}`;
            const actor = event.actorUsername ?? t('audit.system');
            return (
              <Fragment key={event.id}>
                <tr>
                  <td>
                    <time dateTime={event.at}>{formatInstant?.(event.at) ?? event.at}</time>
                  </td>
                  <td title={event.actorLabel ? actor : undefined}>{event.actorLabel ?? actor}</td>
                  <td>
                    <code>{event.action}</code>
                  </td>
                  <td title={event.subjectId ?? undefined}>{subjectText(event) ?? none}</td>
                  <td>
                    <span className={`badge badge--${event.outcome}`}>
                      {t(`audit.outcomes.${event.outcome}`)}
                    </span>
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button"
                      aria-expanded={expanded}
                      aria-controls={expanded ? detailsId : undefined}
                      // The visible word starts the name (WCAG 2.5.3), the event number ends it.
                      aria-label={t(expanded ? 'audit.hideDetails' : 'audit.showDetails', {
                        id: event.id,
                      })}
                      onClick={() => toggle(event.id)}
                    >
                      {t(expanded ? 'audit.hide' : 'audit.show')}
                    </button>
                  </td>
                </tr>
                {expanded && (
                  <tr id={detailsId}>
                    <td colSpan={columns}>
                      <AuditEventDetails event={event} />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function AuditEventDetails({ event }: { event: AuditEventView }) {
  const { t } = useTranslation();
  const none = t('audit.none');
  const facts: [string, string | null][] = [
    [t('audit.sequence'), `#${event.id}`],
    [t('audit.actorUsername'), event.actorUsername],
    [t('audit.subject'), event.subjectType && `${event.subjectType} ${event.subjectId ?? ''}`],
    [t('audit.ip'), event.ip],
    [t('audit.userAgent'), event.userAgent],
    [t('audit.requestId'), event.requestId],
    [t('audit.hash'), event.hash],
  ];
  return (
    <div className="audit-details">
      <dl>
        {facts.map(([label, value]) => (
          <Fragment key={label}>
            <dt>{label}</dt>
            <dd>{value ? <code>{value}</code> : none}</dd>
          </Fragment>
        ))}
      </dl>
      <pre aria-label={t('audit.details')}>{JSON.stringify(event.details, null, 2)}</pre>
    </div>
  );
}
