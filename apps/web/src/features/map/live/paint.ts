import type { ExpressionSpecification } from 'maplibre-gl';
import { unitStatuses } from '@watchfloor/domain';
import { priorityColor, type LivePalette } from '../livePalette.ts';
import { priorityColorCount } from './callFeatures.ts';

/** `match` over a list of cases (MapLibre's type only spells out fixed-length tuples). */
function matchExpression(
  input: ExpressionSpecification,
  cases: readonly (readonly [label: string | number, output: string])[],
  fallback: string,
): ExpressionSpecification {
  return ['match', input, ...cases.flat(), fallback] as unknown as ExpressionSpecification;
}

/** Fill colour of a call from its `priorityRank` property. */
export function priorityColorExpression(palette: LivePalette): ExpressionSpecification {
  const ranks = Array.from({ length: priorityColorCount - 1 }, (_, index) => index + 1);
  return matchExpression(
    ['get', 'priorityRank'],
    ranks.map((rank) => [rank, priorityColor(palette, rank)] as const),
    priorityColor(palette, priorityColorCount),
  );
}

/** Fill colour of a unit: its status, or the "lost" grey once its position is too old. */
export function unitColorExpression(palette: LivePalette): ExpressionSpecification {
  return [
    'case',
    ['==', ['get', 'freshness'], 'lost'],
    palette.unitLost,
    matchExpression(
      ['get', 'status'],
      unitStatuses.map((status) => [status, palette.unitStatus[status]] as const),
      palette.unitLost,
    ),
  ];
}

/** Full for a fresh position, faded for a stale one. */
export const freshnessOpacity: ExpressionSpecification = [
  'match',
  ['get', 'freshness'],
  'stale',
  0.45,
  1,
];
