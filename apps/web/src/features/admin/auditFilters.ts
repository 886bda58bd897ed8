import { fromZonedTime } from 'date-fns-tz';
import { auditOutcomes, type AuditOutcome } from '@watchfloor/contracts';

/** What the audit page's filter form holds: days are agency-local calendar days. */
export interface AuditFilterForm {
  actor: string;
  action: string;
  subject: string;
  outcome: AuditOutcome | '';
  fromDay: string;
  toDay: string;
}

export const emptyAuditFilters: AuditFilterForm = {
  actor: '',
  action: '',
  subject: '',
  outcome: '',
  fromDay: '',
  toDay: '',
};

const nextDay = (day: string) => {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
};

/**
 * The API's query for the form: blank fields left out, days turned into the instants
 * where they start in the agency's time zone (the "to" day included whole).
 */
export function auditQueryParams(form: AuditFilterForm, timeZone: string): Record<string, string> {
  const params: Record<string, string> = {};
  if (form.actor.trim()) params.actor = form.actor.trim();
  if (form.action.trim()) params.action = form.action.trim();
  if (form.subject.trim()) params.subject = form.subject.trim();
  if ((auditOutcomes as readonly string[]).includes(form.outcome)) params.outcome = form.outcome;
  if (form.fromDay) params.from = fromZonedTime(`${form.fromDay}T00:00:00`, timeZone).toISOString();
  if (form.toDay) {
    params.to = fromZonedTime(`${nextDay(form.toDay)}T00:00:00`, timeZone).toISOString();
  }
  return params;
}
