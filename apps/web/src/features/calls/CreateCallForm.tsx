import type { AgencyConfig, Call, CreateCallRequest } from '@watchfloor/contracts';
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../lib/errorMessage.ts';
import { HttpError } from '../../lib/httpErrors.ts';
import {
  fieldErrorsOf,
  parseCoordinates,
  useCreateCall,
  validateCreateCall,
  type CreateCallField,
  type FieldErrors,
} from './createCall.ts';

interface CreateCallFormProps {
  agency: AgencyConfig;
  /** "lat, lon" as typed or as picked on the map; the map draws a marker where it points. */
  locationText: string;
  onLocationTextChange: (text: string) => void;
  /** Whether the next click on the map sets the location. */
  picking: boolean;
  onPickingChange: (picking: boolean) => void;
  onCreated: (call: Call) => void;
  onCancel: () => void;
}

const levels = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;

/** Non-empty trimmed text, or nothing. */
function optionalText(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * The dispatcher's form for a new call. Priority follows the call type's default until the
 * dispatcher picks one; the location is typed as "lat, lon" or picked on the map. The shared
 * contract checks the body before it is sent, and the server's own issues land on the same
 * fields.
 */
export function CreateCallForm({
  agency,
  locationText,
  onLocationTextChange,
  picking,
  onPickingChange,
  onCreated,
  onCancel,
}: CreateCallFormProps) {
  const { t } = useTranslation();
  const idPrefix = useId();
  const create = useCreateCall();
  const [callType, setCallType] = useState('');
  const [priority, setPriority] = useState('');
  const [priorityEdited, setPriorityEdited] = useState(false);
  const [address, setAddress] = useState('');
  const [callerName, setCallerName] = useState('');
  const [callerPhone, setCallerPhone] = useState('');
  const [narrative, setNarrative] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const firstField = useRef<HTMLSelectElement>(null);

  // The form opens from a button or the `N` key: start typing in its first field.
  useEffect(() => {
    firstField.current?.focus();
  }, []);

  const ids = (field: CreateCallField) => ({
    input: `${idPrefix}-${field}`,
    error: `${idPrefix}-${field}-error`,
  });
  const errorProps = (field: CreateCallField) =>
    errors[field]
      ? { 'aria-invalid': true as const, 'aria-describedby': ids(field).error }
      : { 'aria-invalid': false as const };
  const fieldError = (field: CreateCallField) =>
    errors[field] ? (
      <span className="create-call__error" id={ids(field).error}>
        {errors[field]}
      </span>
    ) : null;

  function changeCallType(code: string) {
    setCallType(code);
    if (!priorityEdited) {
      const type = agency.callTypes.find((entry) => entry.code === code);
      setPriority(type ? String(type.defaultPriority) : '');
    }
  }

  function priorityLabel(level: number): string {
    const known = agency.priorities.find((entry) => entry.level === level);
    return known
      ? t('createCall.priorityOption', { level, label: known.label })
      : t('calls.priorityShort', { priority: level });
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (create.isPending) return;
    setFormError(null);
    const coordinates = parseCoordinates(locationText);
    const type = agency.callTypes.find((entry) => entry.code === callType);
    const body: CreateCallRequest = {
      callType,
      ...(priority === '' ? {} : { priority: Number(priority) }),
      lat: coordinates.ok ? coordinates.lat : Number.NaN,
      lon: coordinates.ok ? coordinates.lon : Number.NaN,
      ...(type?.officerInitiated ? { officerInitiated: true } : {}),
      address: optionalText(address),
      callerName: optionalText(callerName),
      callerPhone: optionalText(callerPhone),
      narrative: optionalText(narrative),
    };
    const checked = validateCreateCall(body);
    const next: FieldErrors = checked.ok ? {} : fieldErrorsOf(checked.issues).fields;
    if (callType === '') next.callType = t('createCall.errors.callTypeRequired');
    if (!coordinates.ok) next.location = t(`createCall.errors.location_${coordinates.reason}`);
    setErrors(next);
    if (Object.keys(next).length > 0) return;

    // Undefined optional fields are left out of the JSON by `JSON.stringify`.
    create.mutate(body, {
      onSuccess: (call) => onCreated(call),
      onError: (error) => {
        if (error instanceof HttpError && error.status === 400 && error.issues.length > 0) {
          const { fields, other } = fieldErrorsOf(error.issues);
          setErrors(fields);
          setFormError(other.length > 0 ? other.join(' ') : null);
          return;
        }
        setFormError(describeError(error, t));
      },
    });
  }

  const field = (name: CreateCallField, label: string, control: ReactNode, hint?: ReactNode) => (
    <div className="create-call__field">
      <label className="create-call__label" htmlFor={ids(name).input}>
        {label}
      </label>
      {control}
      {hint}
      {fieldError(name)}
    </div>
  );

  return (
    <section className="create-call" aria-labelledby={`${idPrefix}-title`}>
      <h2 className="create-call__title" id={`${idPrefix}-title`}>
        {t('createCall.title')}
      </h2>
      <form className="create-call__form" onSubmit={submit} noValidate>
        {field(
          'callType',
          t('createCall.callType'),
          <select
            ref={firstField}
            id={ids('callType').input}
            value={callType}
            onChange={(event) => changeCallType(event.target.value)}
            {...errorProps('callType')}
          >
            <option value="">{t('createCall.chooseCallType')}</option>
            {agency.callTypes.map((type) => (
              <option key={type.code} value={type.code}>
                {t('createCall.callTypeOption', { code: type.code, description: type.description })}
              </option>
            ))}
          </select>,
        )}
        {field(
          'priority',
          t('createCall.priority'),
          <select
            id={ids('priority').input}
            value={priority}
            onChange={(event) => {
              setPriority(event.target.value);
              setPriorityEdited(true);
            }}
            {...errorProps('priority')}
          >
            <option value="">{t('createCall.priorityDefault')}</option>
            {levels.map((level) => (
              <option key={level} value={String(level)}>
                {priorityLabel(level)}
              </option>
            ))}
          </select>,
        )}
        {field(
          'location',
          t('createCall.location'),
          <input
            id={ids('location').input}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            placeholder={t('createCall.locationPlaceholder')}
            value={locationText}
            onChange={(event) => onLocationTextChange(event.target.value)}
            {...errorProps('location')}
          />,
          <button
            type="button"
            className="button button--quiet"
            aria-pressed={picking}
            onClick={() => onPickingChange(!picking)}
          >
            {picking ? t('createCall.picking') : t('createCall.pickOnMap')}
          </button>,
        )}
        {field(
          'address',
          t('createCall.address'),
          <input
            id={ids('address').input}
            type="text"
            autoComplete="off"
            value={address}
            onChange={(event) => setAddress(event.target.value)}
            {...errorProps('address')}
          />,
        )}
        {field(
          'callerName',
          t('createCall.callerName'),
          <input
            id={ids('callerName').input}
            type="text"
            autoComplete="off"
            value={callerName}
            onChange={(event) => setCallerName(event.target.value)}
            {...errorProps('callerName')}
          />,
        )}
        {field(
          'callerPhone',
          t('createCall.callerPhone'),
          <input
            id={ids('callerPhone').input}
            type="tel"
            autoComplete="off"
            value={callerPhone}
            onChange={(event) => setCallerPhone(event.target.value)}
            {...errorProps('callerPhone')}
          />,
        )}
        {field(
          'narrative',
          t('createCall.narrative'),
          <textarea
            id={ids('narrative').input}
            rows={4}
            value={narrative}
            onChange={(event) => setNarrative(event.target.value)}
            {...errorProps('narrative')}
          />,
        )}
        {formError && (
          <p className="create-call__form-error" role="alert">
            {formError}
          </p>
        )}
        <div className="create-call__actions">
          <button type="submit" className="button button--primary" disabled={create.isPending}>
            {create.isPending ? t('createCall.submitting') : t('createCall.submit')}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            {t('createCall.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
