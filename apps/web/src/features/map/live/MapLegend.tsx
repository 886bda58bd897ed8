import type { AgencyConfig } from '@watchfloor/contracts';
import { openCallStatuses, unitStatuses } from '@watchfloor/domain';
import { useTranslation } from 'react-i18next';
import type { LiveAccess } from '../../live/liveAccess.ts';
import { positionLostAfterMs, positionStaleAfterMs } from '../../live/liveConfig.ts';
import { priorityColor, type LivePalette } from '../livePalette.ts';
import { priorityColorCount } from './callFeatures.ts';
import { CallGlyph, UnitGlyph } from './MarkerGlyphs.tsx';
import { useLegendOpen } from './useLegendOpen.ts';

interface MapLegendProps {
  palette: LivePalette;
  priorities: AgencyConfig['priorities'];
  access: LiveAccess;
}

/** The key to the live markers: priority colours, status shapes, unit states. */
export function MapLegend({ palette, priorities, access }: MapLegendProps) {
  const { t } = useTranslation();
  const labelOf = (level: number) => priorities.find((entry) => entry.level === level)?.label;
  const levels = Array.from({ length: priorityColorCount }, (_, index) => index + 1);
  const plain = palette.callPriority.at(-1)!;
  const [open, setOpen] = useLegendOpen();

  return (
    <details
      className="map-legend"
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary>{t('legend.title')}</summary>
      <div className="map-legend__body">
        {access.calls && (
          <>
            <h3>{t('legend.callPriority')}</h3>
            <ul>
              {levels.map((level) => {
                const label = labelOf(level);
                const text =
                  level === priorityColorCount
                    ? t('legend.priorityAndLower', { priority: level })
                    : t('calls.priorityShort', { priority: level });
                return (
                  <li key={level}>
                    <CallGlyph
                      status="dispatched"
                      color={priorityColor(palette, level)}
                      outline={palette.markerOutline}
                    />
                    {label ? `${text} · ${label}` : text}
                  </li>
                );
              })}
            </ul>
            <h3>{t('legend.callStatus')}</h3>
            <ul>
              {openCallStatuses.map((status) => (
                <li key={status}>
                  <CallGlyph status={status} color={plain} outline={palette.markerOutline} />
                  {t(`callStatus.${status}`)} – {t(`legend.callShape.${status}`)}
                </li>
              ))}
            </ul>
          </>
        )}
        {access.units && (
          <>
            <h3>{t('legend.units')}</h3>
            <ul className="map-legend__columns">
              {unitStatuses.map((status) => (
                <li key={status}>
                  <UnitGlyph
                    color={palette.unitStatus[status]}
                    ring={palette.unitRing}
                    dash={palette.unitRing}
                    freshness="live"
                  />
                  {t(`unitStatus.${status}`)}
                </li>
              ))}
            </ul>
            <ul>
              <li>
                <UnitGlyph
                  color={palette.unitStatus.enroute}
                  ring={palette.unitRing}
                  dash={palette.unitRing}
                  freshness="live"
                  heading
                />
                {t('legend.heading')}
              </li>
              <li>
                <UnitGlyph
                  color={palette.unitStatus.available}
                  ring={palette.unitRing}
                  dash={palette.unitRing}
                  freshness="stale"
                />
                {t('legend.stale', { minutes: positionStaleAfterMs / 60_000 })}
              </li>
              <li>
                <UnitGlyph
                  color={palette.unitLost}
                  ring={palette.unitLost}
                  dash={palette.unitRing}
                  freshness="lost"
                />
                {t('legend.lost', { minutes: positionLostAfterMs / 60_000 })}
              </li>
            </ul>
          </>
        )}
        <p className="map-legend__note">{t('legend.clusters')}</p>
      </div>
    </details>
  );
}
