import { subject } from '@casl/ability';
import { permittedFieldsOf } from '@casl/ability/extra';
import type { AppAbility, SubjectRecord } from './ability.ts';
import type { Action, SubjectName } from './vocabulary.ts';

/**
 * The fields of `record` the ability lets `action` see, given every field the
 * subject can have. Presenters, sockets and exports all use this one function.
 */
export function permittedFields<F extends string>(
  ability: AppAbility,
  action: Action,
  subjectName: SubjectName,
  allFields: readonly F[],
  record?: Record<string, unknown>,
): F[] {
  const target = record ? subject(subjectName, { ...record }) : subjectName;
  const fields = permittedFieldsOf(ability, action, target, {
    fieldsFrom: (rule) => rule.fields ?? [...allFields],
  });
  return allFields.filter((field) => fields.includes(field));
}

/** Copies only the permitted fields of `record`. */
export function pickPermitted<T extends Record<string, unknown>, F extends keyof T & string>(
  record: T,
  fields: readonly F[],
): Pick<T, F> {
  const picked = {} as Pick<T, F>;
  for (const field of fields) picked[field] = record[field];
  return picked;
}

/** Tags a plain record with its subject type, so rule conditions can be checked against it. */
export function subjectRecord(
  subjectName: SubjectName,
  record: Record<string, unknown>,
): SubjectRecord {
  const tagged: SubjectRecord = subject(subjectName, { ...record });
  return tagged;
}
