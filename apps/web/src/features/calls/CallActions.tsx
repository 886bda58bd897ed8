import { subject } from '@casl/ability';
import type { Call } from '@watchfloor/contracts';
import { allowedUnitTransitions, isFinalCallStatus, type UnitStatus } from '@watchfloor/domain';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppAbility } from '../auth/ability.ts';
import {
  useCallAction,
  useUnitStatus,
  versionConflictCurrent,
  type CallAction,
} from './callDetailQueries.ts';
import type { CallPanelAction, CallDetailPanelProps } from './CallDetailPanel.tsx';
import { ActionError, AssignForm, CloseForm, TextForm, PriorityForm } from './CallActionForms.tsx';

/** Unit moves a dispatcher makes from the call panel. */
const panelUnitStatuses: readonly UnitStatus[] = ['enroute', 'onscene', 'available'];

/** The dispatcher’s actions on one call, each shown only when the ability allows it. */
export function CallActions({
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
