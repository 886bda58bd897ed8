import type { AgencyConfig } from '@watchfloor/contracts';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { boundsOf, type Bounds } from './bounds.ts';
import { fitPadding } from './fitPadding.ts';
import { useMap } from './mapContext.ts';

interface DistrictListProps {
  districts: AgencyConfig['districts'];
  /** What to show under a district (its live summary), or nothing. */
  statusOf?: (code: string) => ReactNode;
  /** The heading: "Districts", or "Districts, live" when it carries live summaries. */
  title?: string;
}

/** The agency's districts as buttons that bring each one into view. */
export function DistrictList({ districts, statusOf, title }: DistrictListProps) {
  const { t } = useTranslation();
  const map = useMap();
  const headingId = useId();
  const all = boundsOf(districts.features);

  function fit(bounds: Bounds | null) {
    if (bounds) map.fitBounds(bounds, { padding: fitPadding(map.getContainer()), maxZoom: 15 });
  }

  return (
    <section className="district-list" aria-labelledby={headingId}>
      <h2 id={headingId}>{title ?? t('map.districts')}</h2>
      {districts.features.length === 0 ? (
        <p className="state state--empty">{t('map.noDistricts')}</p>
      ) : (
        <>
          <button type="button" className="button button--quiet" onClick={() => fit(all)}>
            {t('map.showAll')}
          </button>
          <ul>
            {districts.features.map((district) => (
              <li key={district.properties.code}>
                <button
                  type="button"
                  className="district-list__item"
                  onClick={() => fit(boundsOf([district]))}
                >
                  {/* Visual shorthand; the name already says which district it is. */}
                  <span className="district-list__code" aria-hidden="true">
                    {district.properties.code}
                  </span>
                  <span>{district.properties.name || district.properties.code}</span>
                </button>
                {statusOf?.(district.properties.code)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
