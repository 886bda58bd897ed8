import { auditOutcomes } from '@watchfloor/contracts';
import { useId, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { emptyAuditFilters, type AuditFilterForm } from './auditFilters.ts';

/** Search the audit log by who, what, which subject, outcome and period. */
export function AuditFilters({
  value,
  onChange,
}: {
  value: AuditFilterForm;
  onChange: (next: AuditFilterForm) => void;
}) {
  const { t } = useTranslation();
  const headingId = useId();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: keyof AuditFilterForm) => {
      const field = form.get(name);
      return typeof field === 'string' ? field : '';
    };
    onChange({
      actor: text('actor'),
      action: text('action'),
      subject: text('subject'),
      outcome: text('outcome') as AuditFilterForm['outcome'],
      fromDay: text('fromDay'),
      toDay: text('toDay'),
    });
  }

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('audit.searchTitle')}</h2>
      {/* Keyed by the applied filters, so "Clear" resets the uncontrolled fields. */}
      <form key={JSON.stringify(value)} className="inline-form" onSubmit={handleSubmit}>
        <TextFilter name="actor" label={t('audit.actor')} value={value.actor} />
        <TextFilter
          name="action"
          label={t('audit.action')}
          value={value.action}
          placeholder="auth."
        />
        <TextFilter name="subject" label={t('audit.subjectId')} value={value.subject} />
        <label className="field">
          <span className="field__label">{t('audit.outcome')}</span>
          <select name="outcome" defaultValue={value.outcome}>
            <option value="">{t('audit.anyOutcome')}</option>
            {auditOutcomes.map((outcome) => (
              <option key={outcome} value={outcome}>
                {t(`audit.outcomes.${outcome}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('audit.fromDay')}</span>
          <input name="fromDay" type="date" defaultValue={value.fromDay} />
        </label>
        <label className="field">
          <span className="field__label">{t('audit.toDay')}</span>
          <input name="toDay" type="date" defaultValue={value.toDay} />
        </label>
        <button type="submit" className="button button--primary">
          {t('audit.search')}
        </button>
        <button type="button" className="button" onClick={() => onChange(emptyAuditFilters)}>
          {t('audit.clear')}
        </button>
      </form>
    </section>
  );
}

function TextFilter(props: { name: string; label: string; value: string; placeholder?: string }) {
  return (
    <label className="field">
      <span className="field__label">{props.label}</span>
      <input
        name={props.name}
        defaultValue={props.value}
        placeholder={props.placeholder}
        autoComplete="off"
        spellCheck={false}
      />
    </label>
  );
}
