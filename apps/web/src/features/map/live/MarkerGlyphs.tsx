import type { Call } from '@watchfloor/contracts';
import type { PositionFreshness } from '../../live/positionFreshness.ts';

/*
 * Small SVG copies of the map's markers, for the legend and the lists, so the key matches
 * what is drawn. Decorative: the text beside each one says the same.
 */

const size = 24;
const centre = size / 2;

interface CallGlyphProps {
  status: Call['status'];
  color: string;
  outline: string;
}

export function CallGlyph({ status, color, outline }: CallGlyphProps) {
  return (
    <svg
      className="marker-glyph"
      width={size}
      height={size}
      viewBox={`0 0 ${size} ${size}`}
      aria-hidden="true"
    >
      {status === 'pending' && (
        <circle cx={centre} cy={centre} r={10} fill="none" stroke={color} strokeWidth={1.5} />
      )}
      {status === 'enroute' ? (
        <circle
          cx={centre}
          cy={centre}
          r={5.5}
          fill={color}
          fillOpacity={0.15}
          stroke={color}
          strokeWidth={2.5}
        />
      ) : (
        <circle
          cx={centre}
          cy={centre}
          r={status === 'pending' ? 6 : 5.5}
          fill={color}
          stroke={outline}
          strokeWidth={1}
        />
      )}
      {status === 'onscene' && <circle cx={centre} cy={centre} r={2} fill={outline} />}
    </svg>
  );
}

interface UnitGlyphProps {
  color: string;
  /** The circle's outline. */
  ring: string;
  /** The dashed ring of an old position (as on the map, where it is one image for all). */
  dash: string;
  freshness: PositionFreshness;
  /** Draw the heading arrow (pointing up). */
  heading?: boolean;
}

export function UnitGlyph({ color, ring, dash, freshness, heading = false }: UnitGlyphProps) {
  const opacity = freshness === 'stale' ? 0.45 : 1;
  return (
    <svg
      className="marker-glyph"
      width={size}
      height={size}
      viewBox={`0 0 ${size} ${size}`}
      aria-hidden="true"
    >
      {freshness !== 'live' && (
        <circle
          cx={centre}
          cy={centre}
          r={9.5}
          fill="none"
          stroke={dash}
          strokeWidth={1.5}
          strokeDasharray="3 2.5"
        />
      )}
      <circle
        cx={centre}
        cy={centre}
        r={5}
        fill={color}
        fillOpacity={freshness === 'lost' ? 0 : opacity}
        stroke={ring}
        strokeOpacity={opacity}
        strokeWidth={1.5}
      />
      {heading && freshness !== 'lost' && (
        <path
          d={`M${centre} 0.5 L${centre + 3.5} 5 L${centre - 3.5} 5 Z`}
          fill={ring}
          opacity={opacity}
        />
      )}
    </svg>
  );
}
