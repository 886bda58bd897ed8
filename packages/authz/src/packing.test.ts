import { describe, expect, it } from 'vitest';
import {
  abilityFromPackedRules,
  defineAbilityFor,
  packAbilityRules,
  type AppAbility,
  type AppSubject,
  type PackedRules,
} from './ability.ts';
import { permittedFields } from './fields.ts';
import { asSubject, personas, sampleRecords } from './test-fixtures.ts';
import { actions, callFields, subjects } from './vocabulary.ts';

/** The subject type itself and each of its sample records, tagged for CASL. */
const targets: { label: string; target: AppSubject }[] = subjects.flatMap((subjectName) => [
  { label: subjectName, target: subjectName },
  ...sampleRecords[subjectName].map((record) => ({
    label: `${subjectName} ${JSON.stringify(record)}`,
    target: asSubject(subjectName, record),
  })),
]);

/** Every check on which two abilities disagree, e.g. `read Call {"district":"2"}`. */
function disagreements(original: AppAbility, rebuilt: AppAbility): string[] {
  return actions.flatMap((action) =>
    targets
      .filter(({ target }) => original.can(action, target) !== rebuilt.can(action, target))
      .map(({ label }) => `${action} ${label}`),
  );
}

describe.each(personas)('$label', ({ grantee }) => {
  const original = defineAbilityFor(grantee);
  const packed = packAbilityRules(original);
  // The web receives the rules as JSON, so rebuild from what JSON gives back.
  const overTheWire = JSON.parse(JSON.stringify(packed)) as PackedRules;
  const rebuilt = abilityFromPackedRules(overTheWire);

  it('survives a JSON round trip unchanged', () => {
    expect(overTheWire).toStrictEqual(packed);
  });

  it('decides every action × subject as the original, on types and on records', () => {
    expect(disagreements(original, rebuilt)).toEqual([]);
  });

  it('permits the same Call fields as the original', () => {
    for (const action of actions) {
      for (const record of [undefined, ...sampleRecords.Call]) {
        expect(permittedFields(rebuilt, action, 'Call', callFields, record)).toEqual(
          permittedFields(original, action, 'Call', callFields, record),
        );
      }
    }
  });
});
