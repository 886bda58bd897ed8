import type { Unit } from '@watchfloor/contracts';
import type { UnitStatus } from '@watchfloor/domain';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../lib/errorMessage.ts';
import { boardTransitions } from './unitBoard.ts';
import { useChangeUnitStatus } from './unitQueries.ts';

/**
 * A unit's next status, picked and applied in its row. The list holds only moves the state
 * machine allows from here; the server checks again and says why if it refuses.
 */
export function UnitStatusControl({ unit }: { unit: Unit }) {
  const { t } = useTranslation();
  const selectId = useId();
  const errorId = useId();
  const change = useChangeUnitStatus();
  const options = boardTransitions(unit);
  const [picked, setPicked] = useState<UnitStatus | ''>('');

  if (options.length === 0) return null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (picked === '') return;
    change.mutate({ unitId: unit.id, status: picked }, { onSuccess: () => setPicked('') });
  }

  return (
    <form className="unit-status-control" onSubmit={submit}>
      <label htmlFor={selectId} className="visually-hidden">
        {t('unitBoard.newStatusFor', { callSign: unit.callSign })}
      </label>
      <select
        id={selectId}
        value={picked}
        onChange={(event) => setPicked(event.target.value as UnitStatus | '')}
        aria-describedby={change.isError ? errorId : undefined}
      >
        <option value="">{t('unitBoard.pickStatus')}</option>
        {options.map((status) => (
          <option key={status} value={status}>
            {t(`unitStatus.${status}`)}
          </option>
        ))}
      </select>
      <button
        type="submit"
        className="button button--quiet"
        disabled={picked === '' || change.isPending}
      >
        {t('unitBoard.apply')}
      </button>
      {change.isError && (
        <span id={errorId} role="alert" className="unit-status-control__error">
          {describeError(change.error, t)}
        </span>
      )}
    </form>
  );
}
