import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useNow } from '../lib/ticker.ts';
import { secondsSince } from '../lib/time.ts';

const pad = (value: number) => String(value).padStart(2, '0');

/** "42s", "3m 05s", "2h 07m": short enough for a list row, exact enough for a dispatcher. */
export function formatAge(totalSeconds: number, t: TFunction): string {
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return t('age.hours', { hours, minutes: pad(minutes) });
  if (minutes > 0) return t('age.minutes', { minutes, seconds: pad(seconds) });
  return t('age.seconds', { seconds });
}

interface AgeProps {
  /** ISO instant the age counts from. */
  since: string;
  /** Say "… ago" rather than a bare duration. */
  ago?: boolean;
  className?: string;
}

/**
 * How long ago `since` was, counting up every second. Only this element re-renders on a tick,
 * so a list of a thousand calls does not.
 */
export function Age({ since, ago = false, className }: AgeProps) {
  const { t } = useTranslation();
  const now = useNow();
  const age = formatAge(secondsSince(since, now), t);
  return (
    <span className={className ? `age ${className}` : 'age'}>
      {ago ? t('age.ago', { age }) : age}
    </span>
  );
}
