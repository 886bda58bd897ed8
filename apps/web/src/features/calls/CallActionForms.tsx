import type { AgencyConfig, Call, Issue, Unit } from '@watchfloor/contracts';
import { useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../lib/errorMessage.ts';
import { HttpError } from '../../lib/httpErrors.ts';
import { LoadingState } from '../../ui/QueryState.tsx';
import { useAppAbility } from '../auth/ability.ts';
import { useUnits } from '../live/liveQueries.ts';
import { usePositionStore } from '../live/realtimeContext.ts';
import { latestPosition } from '../map/live/unitFeatures.ts';
import { versionConflictCurrent } from './callDetailQueries.ts';
import { recommendUnits } from './recommendUnits.ts';

/** Field problems from a 400, by request field; the rest go to the form's general error. */
export function issuesFor(error: unknown, field: string): readonly Issue[] {
  if (!(error instanceof HttpError) || error.status !== 400) return [];
  return error.issues.filter((issue) => issue.path === field || issue.path.startsWith(`${field}.`));
}

export function ActionError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  // 400 issues show beside their control; the summary still says the request was refused.
  return (
    <p className="call-detail__error" role="alert">
      {describeError(error, t)}
    </p>
  );
}

export function FieldIssues({ error, field, id }: { error: unknown; field: string; id: string }) {
  const issues = issuesFor(error, field);
  if (issues.length === 0) return null;
  return (
    <p id={id} className="call-detail__error">
      {issues.map((issue) => issue.message).join(' ')}
    </p>
  );
}

export function AssignForm({
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

export function Field({
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

export function CloseForm({
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

export function TextForm(props: {
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

export function PriorityForm({
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
