import { useTranslation } from 'react-i18next';

/** The colour classes (lower bound to the next one's) and the grid's resolution. */
export function HexLegend({
  breaks,
  colors,
  resolution,
}: {
  breaks: readonly number[];
  colors: readonly string[];
  resolution: number;
}) {
  const { t } = useTranslation();
  return (
    <div className="hex-legend">
      <p className="hex-legend__title">{t('hotspots.legend')}</p>
      <ul>
        {breaks.map((lower, index) => {
          const next = breaks[index + 1];
          return (
            <li key={lower}>
              <span
                className="hex-legend__swatch"
                style={{ background: colors[index] }}
                aria-hidden="true"
              />
              {next === undefined
                ? `${lower}+`
                : next - 1 > lower
                  ? `${lower}–${next - 1}`
                  : `${lower}`}
            </li>
          );
        })}
      </ul>
      <p className="hex-legend__note">{t('hotspots.grid', { resolution })}</p>
    </div>
  );
}
