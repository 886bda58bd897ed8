import { useTranslation } from 'react-i18next';
import { useNow } from '../../lib/ticker.ts';
import { secondsSince } from '../../lib/time.ts';
import { formatAge } from '../../ui/Age.tsx';
import { positionFreshness } from './positionFreshness.ts';

/**
 * How old a unit's position is, in words that do not depend on colour: "12s ago", or
 * "6m 10s ago, stale" once past the stale threshold and "lost" past the second one.
 */
export function PositionAge({ at }: { at: string }) {
  const { t } = useTranslation();
  const now = useNow();
  const freshness = positionFreshness(at, now);
  const age = t('age.ago', { age: formatAge(secondsSince(at, now), t) });
  return (
    <span className={`age position-age position-age--${freshness}`}>
      {freshness === 'live' ? age : t(`freshness.${freshness}`, { age })}
    </span>
  );
}
