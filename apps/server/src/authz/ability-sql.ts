import { rulesToCondition } from '@casl/ability/extra';
import type { AppAbility, Action, SubjectName } from '@watchfloor/authz';
import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

type Condition = Record<string, unknown>;

/** Maps the condition fields the rules use to the columns that hold them. */
export type ColumnMap = Record<string, AnyPgColumn>;

function fieldCondition(column: AnyPgColumn, value: unknown): SQL {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const operators = value as Record<string, unknown>;
    const keys = Object.keys(operators);
    if (keys.length === 1 && Array.isArray(operators.$in)) {
      return operators.$in.length === 0 ? sql`false` : inArray(column, operators.$in);
    }
    if (keys.length === 1 && '$eq' in operators) return eq(column, operators.$eq);
    throw new Error(
      `Unsupported rule operator ${keys.join(', ')}: extend ability-sql.ts and its test`,
    );
  }
  return eq(column, value);
}

function conditionToSql(condition: Condition, columns: ColumnMap): SQL {
  const parts = Object.entries(condition).map(([field, value]) => {
    const column = columns[field];
    if (!column) throw new Error(`Rule condition on unmapped field "${field}"`);
    return fieldCondition(column, value);
  });
  return parts.length === 0 ? sql`true` : (and(...parts) ?? sql`true`);
}

/**
 * Turns what an ability allows on a subject into a SQL filter, so list queries
 * return exactly the rows `ability.can` would allow — filtered in the database,
 * never after loading. Supports the operators our rules use (`$eq`, `$in`) and
 * no inverted rules; anything else throws so it cannot silently over-share.
 */
export function abilityFilter(
  ability: AppAbility,
  action: Action,
  subject: SubjectName,
  columns: ColumnMap,
): SQL {
  const filter = rulesToCondition(
    ability.rulesFor(action, subject),
    (rule): SQL => {
      if (rule.inverted)
        throw new Error('Inverted rules are not translated to SQL yet: extend ability-sql.ts');
      return rule.conditions ? conditionToSql(rule.conditions as Condition, columns) : sql`true`;
    },
    {
      and: (parts) => and(...parts) ?? sql`true`,
      or: (parts) => or(...parts) ?? sql`false`,
      empty: () => sql`true`,
    },
  );
  return filter ?? sql`false`;
}
