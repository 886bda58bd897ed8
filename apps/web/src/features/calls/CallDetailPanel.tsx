import { subject } from '@casl/ability';
import type { AgencyConfig, Call, CallEvent, Issue, Unit } from '@watchfloor/contracts';
import { allowedUnitTransitions, isFinalCallStatus, type UnitStatus } from '@watchfloor/domain';
import { useEffect, useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../lib/errorMessage.ts';
import { HttpError } from '../../lib/httpErrors.ts';
import { ErrorState, LoadingState } from '../../ui/QueryState.tsx';
import { useInstantFormatter } from '../agency/useAgency.ts';
import { useAppAbility } from '../auth/ability.ts';
import { useUnits } from '../live/liveQueries.ts';
import { usePositionStore } from '../live/realtimeContext.ts';
import { latestPosition } from '../map/live/unitFeatures.ts';
import {
  useCallAction,
  useCallDetail,
  useUnitStatus,
  versionConflictCurrent,
  type CallAction,
} from './callDetailQueries.ts';
import { recommendUnits } from './recommendUnits.ts';

/** Which action form is open; the open-call list's shortcuts can open one. */
export type CallPanelAction = 'assign' | 'close' | 'cancel' | 'note' | 'priority';

/** Unit moves a dispatcher makes from the call panel. */
const panelUnitStatuses: readonly UnitStatus[] = ['enroute', 'onscene', 'available'];

interface CallDetailPanelProps {
  callId: string;
  agency: Pick<AgencyConfig, 'priorities' | 'dispositions'>;
  /** The action form to open first (from a keyboard shortcut). */
  initialAction?: CallPanelAction | null;
  /** The call's version in the live list: when it moves past the detail, the detail is re-read. */
  liveVersion?: number | undefined;
}

/** A call with its timeline and, as the user's ability allows, the dispatcher's actions. */
export function CallDetailPanel({
  callId,
  agency,
  initialAction = null,
  liveVersion,
}: CallDetailPanelProps) {
  const { t } = useTranslation();
  const detail = useCallDetail(callId);
  const detailVersion = detail.data?.version;
  const { refetch } = detail;
  // Someone else moved the call (the socket updated the list): read its timeline again.
  useEffect(() => {
    if (liveVersion !== undefined && detailVersion !== undefined && liveVersion > detailVersion) {
      void refetch();
    }
  }, [liveVersion, detailVersion, refetch]);
  if (detail.isPending) return <LoadingState label={t('callDetail.loading')} />;
  if (detail.isError) {
    return <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  }
  const { timeline, ...call } = detail.data;
  return (
    <div className="call-detail">
      <CallFacts call={call} agency={agency} />
      <CallActions call={call} agency={agency} initialAction={initialAction} />
      <CallerSection call={call} />
      <Timeline timeline={timeline} />
    </div>
  );
}

function CallFacts({ call, agency }: { call: Call; agency: CallDetailPanelProps['agency'] }) {
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
function CallerSection({ call }: { call: Call }) {
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
const quietEventKeys = new Set([
  ...['at', 'lat', 'lon', 'sourceCallId', 'sourceEventId', 'unitId'],
  // Caller data has its own section (when the reader may see it).
  ...['callerName', 'callerPhone', 'narrative'],
]);
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function eventSummary(event: CallEvent): string {
  return Object.entries(event.data)
    .filter(([key, value]) => !quietEventKeys.has(key) && !uuidPattern.test(String(value)))
    .filter(([, value]) => ['string', 'number', 'boolean'].includes(typeof value))
    .map(([key, value]) => `${key}: ${String(value)}`)
    .join(', ');
}

function Timeline({ timeline }: { timeline: readonly CallEvent[] }) {
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

/** Field problems from a 400, by request field; the rest go to the form's general error. */
function issuesFor(error: unknown, field: string): readonly Issue[] {
  if (!(error instanceof HttpError) || error.status !== 400) return [];
  return error.issues.filter((issue) => issue.path === field || issue.path.startsWith(`${field}.`));
}

function ActionError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  // 400 issues show beside their control; the summary still says the request was refused.
  return (
    <p className="call-detail__error" role="alert">
      {describeError(error, t)}
    </p>
  );
}

function FieldIssues({ error, field, id }: { error: unknown; field: string; id: string }) {
  const issues = issuesFor(error, field);
  if (issues.length === 0) return null;
  return (
    <p id={id} className="call-detail__error">
      {issues.map((issue) => issue.message).join(' ')}
    </p>
  );
}

function CallActions({
  call,
  agency,
  initialAction,
}: {
  call: Call;
  agency: CallDetailPanelProps['agency'];
  initialAction: CallPanelAction | null;
}) {
  const { t } = useTranslation();
  const ability = useAppAbility();
  const fields: Record<string, unknown> = { district: call.district, status: call.status };
  const record = subject('Call', fields);
  const canAssign = ability.can('assign', record);
  const canClose = ability.can('close', record);
  const canUpdate = ability.can('update', record);
  const canMoveUnits = ability.can('update', 'Unit');
  const [open, setOpen] = useState<CallPanelAction | null>(initialAction);
  const action = useCallAction(call.id);
  const unitStatus = useUnitStatus(call.id);
  const panelId = useId();

  if (isFinalCallStatus(call.status)) return null;
  if (!canAssign && !canClose && !canUpdate && !canMoveUnits) return null;

  const toggles: { id: CallPanelAction; allowed: boolean }[] = [
    { id: 'assign', allowed: canAssign },
    { id: 'close', allowed: canClose },
    { id: 'cancel', allowed: canClose },
    { id: 'note', allowed: canUpdate },
    { id: 'priority', allowed: canUpdate },
  ];
  const run = (next: CallAction, onDone?: () => void) => {
    action.mutate(next, {
      onSuccess: () => {
        setOpen(null);
        onDone?.();
      },
    });
  };
  const pending = action.isPending || unitStatus.isPending;

  return (
    <section className="call-detail__section" aria-label={t('callDetail.actionsTitle')}>
      <h3>{t('callDetail.actionsTitle')}</h3>
      {call.assignedUnits.length > 0 && (
        <ul className="call-detail__units">
          {call.assignedUnits.map((unit) => (
            <li key={unit.id}>
              <span>
                {unit.callSign} · {t(`unitStatus.${unit.status}`)}
              </span>
              {canMoveUnits &&
                allowedUnitTransitions(unit.status)
                  .filter((status) => panelUnitStatuses.includes(status))
                  .map((status) => (
                    <button
                      key={status}
                      type="button"
                      className="button"
                      disabled={pending}
                      onClick={() => {
                        action.reset();
                        unitStatus.mutate({ unitId: unit.id, status });
                      }}
                    >
                      {t('callDetail.unitTo', {
                        callSign: unit.callSign,
                        status: t(`unitStatus.${status}`),
                      })}
                    </button>
                  ))}
              {canAssign && (
                <button
                  type="button"
                  className="button button--quiet"
                  disabled={pending}
                  onClick={() => run({ kind: 'unassign', unitId: unit.id })}
                >
                  {t('callDetail.unassign', { callSign: unit.callSign })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ActionError error={unitStatus.error} />
      <div className="call-detail__toolbar">
        {toggles
          .filter((toggle) => toggle.allowed)
          .map((toggle) => (
            <button
              key={toggle.id}
              type="button"
              className="button"
              aria-expanded={open === toggle.id}
              aria-controls={`${panelId}-${toggle.id}`}
              onClick={() => {
                action.reset();
                setOpen(open === toggle.id ? null : toggle.id);
              }}
            >
              {t(`callDetail.open.${toggle.id}`)}
            </button>
          ))}
      </div>
      {open && (
        <div id={`${panelId}-${open}`} className="call-detail__form">
          {open === 'assign' && (
            <AssignForm
              call={call}
              pending={pending}
              onAssign={(unitId) => run({ kind: 'assign', unitId })}
            />
          )}
          {open === 'close' && (
            <CloseForm
              dispositions={agency.dispositions}
              pending={pending}
              error={action.error}
              onClose={(disposition) => run({ kind: 'close', disposition })}
            />
          )}
          {open === 'cancel' && (
            <TextForm
              label={t('callDetail.cancelReason')}
              submit={t('callDetail.cancelSubmit')}
              field="reason"
              optional
              pending={pending}
              error={action.error}
              onSubmit={(reason) => run({ kind: 'cancel', ...(reason ? { reason } : {}) })}
            />
          )}
          {open === 'note' && (
            <TextForm
              label={t('callDetail.noteText')}
              submit={t('callDetail.noteSubmit')}
              field="text"
              pending={pending}
              error={action.error}
              onSubmit={(text) => run({ kind: 'note', text })}
            />
          )}
          {open === 'priority' && (
            <PriorityForm
              key={call.version}
              call={call}
              pending={pending}
              error={action.error}
              onSubmit={(priority, version) => run({ kind: 'priority', priority, version })}
            />
          )}
        </div>
      )}
      {!(open === 'priority' && versionConflictCurrent(action.error)) && (
        <ActionError error={action.error} />
      )}
    </section>
  );
}

function AssignForm({
  call,
  pending,
  onAssign,
}: {
  call: Call;
  pending: boolean;
  onAssign: (unitId: string) => void;
}) {
  const { t } = useTranslation();
  const ability = useAppAbility();
  const units = useUnits({ enabled: ability.can('read', 'Unit') });
  const positions = usePositionStore();
  const list = useMemo(
    () =>
      recommendUnits(units.data ?? [], call, (unit: Unit) =>
        latestPosition(unit, positions?.get(unit.id)),
      ),
    [units.data, call, positions],
  );
  if (units.isPending) return <LoadingState label={t('callDetail.unitsLoading')} />;
  if (list.length === 0) return <p className="state state--empty">{t('callDetail.noUnits')}</p>;
  return (
    <ol className="call-detail__recommendations" aria-label={t('callDetail.recommendations')}>
      {list.map((entry, index) => (
        <li key={entry.unit.id}>
          <span>
            <strong>{entry.unit.callSign}</strong>{' '}
            {t('callDetail.distanceEta', {
              km: (entry.distanceMeters / 1000).toFixed(1),
              minutes: Math.max(1, Math.round(entry.etaSeconds / 60)),
            })}
            {index === 0 && (
              <span className="call-detail__badge"> {t('callDetail.recommended')}</span>
            )}
          </span>
          <button
            type="button"
            className={index === 0 ? 'button button--primary' : 'button'}
            disabled={pending}
            onClick={() => onAssign(entry.unit.id)}
          >
            {t('callDetail.assignUnit', { callSign: entry.unit.callSign })}
          </button>
        </li>
      ))}
    </ol>
  );
}

function Field({
  label,
  error,
  field,
  children,
}: {
  label: string;
  error: unknown;
  field: string;
  children: (ids: { id: string; describedBy: string | undefined }) => ReactNode;
}) {
  const id = useId();
  const issueId = `${id}-issues`;
  const hasIssues = issuesFor(error, field).length > 0;
  return (
    <div className="call-detail__field">
      <label htmlFor={id}>{label}</label>
      {children({ id, describedBy: hasIssues ? issueId : undefined })}
      <FieldIssues error={error} field={field} id={issueId} />
    </div>
  );
}

function CloseForm({
  dispositions,
  pending,
  error,
  onClose,
}: {
  dispositions: AgencyConfig['dispositions'];
  pending: boolean;
  error: unknown;
  onClose: (disposition: string) => void;
}) {
  const { t } = useTranslation();
  const [disposition, setDisposition] = useState(dispositions[0]?.code ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (disposition) onClose(disposition);
  };
  return (
    <form onSubmit={submit}>
      <Field label={t('callDetail.disposition')} error={error} field="disposition">
        {({ id, describedBy }) => (
          <select
            id={id}
            value={disposition}
            aria-describedby={describedBy}
            onChange={(event) => setDisposition(event.target.value)}
          >
            {dispositions.map((entry) => (
              <option key={entry.code} value={entry.code}>
                {entry.description}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" className="button button--primary" disabled={pending || !disposition}>
        {t('callDetail.closeSubmit')}
      </button>
    </form>
  );
}

function TextForm(props: {
  label: string;
  submit: string;
  field: string;
  optional?: boolean;
  pending: boolean;
  error: unknown;
  onSubmit: (text: string) => void;
}) {
  const [text, setText] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSubmit(text.trim());
  };
  return (
    <form onSubmit={submit}>
      <Field label={props.label} error={props.error} field={props.field}>
        {({ id, describedBy }) => (
          <textarea
            id={id}
            value={text}
            rows={3}
            aria-describedby={describedBy}
            onChange={(event) => setText(event.target.value)}
          />
        )}
      </Field>
      <button
        type="submit"
        className="button button--primary"
        disabled={props.pending || (!props.optional && text.trim() === '')}
      >
        {props.submit}
      </button>
    </form>
  );
}

function PriorityForm({
  call,
  pending,
  error,
  onSubmit,
}: {
  call: Call;
  pending: boolean;
  error: unknown;
  onSubmit: (priority: number, version: number) => void;
}) {
  const { t } = useTranslation();
  const [priority, setPriority] = useState(call.priority);
  // The call as the server has it when it refused an edit made on an older version.
  const current = versionConflictCurrent(error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(priority, call.version);
  };
  return (
    <form onSubmit={submit}>
      <Field label={t('callDetail.priorityLabel')} error={error} field="priority">
        {({ id, describedBy }) => (
          <select
            id={id}
            value={priority}
            aria-describedby={describedBy}
            onChange={(event) => setPriority(Number(event.target.value))}
          >
            {[1, 2, 3, 4, 5, 6, 7, 8, 9].map((level) => (
              <option key={level} value={level}>
                {t('calls.priorityShort', { priority: level })}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button type="submit" className="button button--primary" disabled={pending}>
        {t('callDetail.prioritySubmit')}
      </button>
      {current && (
        <div className="call-detail__conflict" role="alert">
          <p>{t('callDetail.conflict')}</p>
          <ul>
            {current.priority !== call.priority && (
              <li>
                {t('callDetail.conflictPriority', {
                  before: call.priority,
                  after: current.priority,
                })}
              </li>
            )}
            {current.status !== call.status && (
              <li>
                {t('callDetail.conflictStatus', {
                  before: t(`callStatus.${call.status}`),
                  after: t(`callStatus.${current.status}`),
                })}
              </li>
            )}
            <li>
              {t('callDetail.conflictVersion', { before: call.version, after: current.version })}
            </li>
          </ul>
          <button
            type="button"
            className="button"
            disabled={pending}
            onClick={() => onSubmit(priority, current.version)}
          >
            {t('callDetail.retryCurrent')}
          </button>
        </div>
      )}
    </form>
  );
}
