import type { MapLibreMap } from 'maplibre-gl';
import { useEffect, useEffectEvent } from 'react';
import { isMapRemoved, useMap } from '../mapContext.ts';

/**
 * The offline style has no glyphs, so map text (call signs, cluster counts) is drawn as
 * images on demand: a symbol layer asks for `label:<text>` or `count:<text>`, MapLibre asks
 * the map's missing-image resolver, and the image is made here with the 2D canvas.
 */
export const labelImage = (text: string) => `label:${text}`;
const labelPrefix = 'label:';
const countPrefix = 'count:';

export interface TextImageColors {
  text: string;
  /** The halo that keeps a label readable over other markers and the background. */
  halo: string;
}

const pixelRatio = 2;
const font = '600 12px system-ui, sans-serif';
const countFont = '700 12px system-ui, sans-serif';

function drawText(text: string, bold: boolean, colors: TextImageColors): ImageData | null {
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d');
  if (!context) return null;
  context.font = bold ? countFont : font;
  const width = Math.ceil(context.measureText(text).width) + 6;
  const height = 16;
  canvas.width = width * pixelRatio;
  canvas.height = height * pixelRatio;
  context.scale(pixelRatio, pixelRatio);
  context.font = bold ? countFont : font;
  context.textAlign = 'center';
  context.textBaseline = 'middle';
  context.lineJoin = 'round';
  context.lineWidth = 3;
  context.strokeStyle = colors.halo;
  context.strokeText(text, width / 2, height / 2);
  context.fillStyle = colors.text;
  context.fillText(text, width / 2, height / 2);
  return context.getImageData(0, 0, canvas.width, canvas.height);
}

function imageFor(id: string, colors: TextImageColors): ImageData | null {
  if (id.startsWith(labelPrefix)) return drawText(id.slice(labelPrefix.length), false, colors);
  if (id.startsWith(countPrefix)) return drawText(id.slice(countPrefix.length), true, colors);
  return null;
}

/**
 * Makes label and count images on demand, and redraws those made when the colours change.
 * A map has one missing-image resolver, so call this once per map (see `<LiveMap>`).
 */
export function useTextImages(map: MapLibreMap, colors: TextImageColors): void {
  const make = useEffectEvent((id: string) => {
    const image = imageFor(id, colors);
    if (image && !map.hasImage(id)) map.addImage(id, image, { pixelRatio });
  });

  useEffect(() => {
    map.setMissingStyleImageResolver((id) => make(id));
    return () => {
      if (!isMapRemoved(map)) map.setMissingStyleImageResolver(null);
    };
  }, [map]);

  const { text, halo } = colors;
  useEffect(() => {
    if (isMapRemoved(map)) return;
    for (const id of map.listImages()) {
      const image = imageFor(id, { text, halo });
      if (image) map.updateImage(id, image);
    }
  }, [map, text, halo]);
}

/** The text images of the live layers, in the palette's colours. Renders nothing. */
export function TextImages({ colors }: { colors: TextImageColors }) {
  useTextImages(useMap(), colors);
  return null;
}
