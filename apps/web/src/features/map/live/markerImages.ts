import type { MapLibreMap } from 'maplibre-gl';
import { isMapRemoved } from '../mapContext.ts';

// Drawn at twice the size and added with pixelRatio 2, so they stay sharp on dense screens.
const pixelRatio = 2;

/** Size in CSS pixels of both images: room for the arrow outside a unit's circle. */
export const markerImageSize = 36;

type Draw = (context: CanvasRenderingContext2D, size: number) => void;

function drawImage(draw: Draw): ImageData | null {
  const size = markerImageSize * pixelRatio;
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  // No 2D canvas (some test environments): the layers simply draw without these images.
  const context = canvas.getContext('2d');
  if (!context) return null;
  context.scale(pixelRatio, pixelRatio);
  draw(context, markerImageSize);
  return context.getImageData(0, 0, size, size);
}

/**
 * A small arrowhead at the top of the image, just outside the unit's circle. The symbol
 * layer rotates the image by the unit's heading, so the arrow points where the unit goes.
 */
function headingArrow(fill: string, outline: string): Draw {
  return (context, size) => {
    const centre = size / 2;
    context.beginPath();
    context.moveTo(centre, 1.5);
    context.lineTo(centre + 5, 10);
    context.lineTo(centre - 5, 10);
    context.closePath();
    context.lineJoin = 'round';
    context.lineWidth = 2;
    context.strokeStyle = outline;
    context.stroke();
    context.fillStyle = fill;
    context.fill();
  };
}

/** A dashed ring around a unit whose position is old: the circle layers cannot dash. */
function dashedRing(color: string): Draw {
  return (context, size) => {
    context.beginPath();
    context.arc(size / 2, size / 2, 12, 0, 2 * Math.PI);
    context.setLineDash([3.5, 3]);
    context.lineWidth = 2;
    context.strokeStyle = color;
    context.stroke();
  };
}

function putImage(map: MapLibreMap, id: string, draw: Draw) {
  const image = drawImage(draw);
  if (!image) return;
  if (map.hasImage(id)) map.updateImage(id, image);
  else map.addImage(id, image, { pixelRatio });
}

/** Adds (or recolours) the unit marker images; made at runtime, so there is nothing to fetch. */
export function putUnitMarkerImages(
  map: MapLibreMap,
  ids: { heading: string; staleRing: string },
  colors: { arrow: string; outline: string; ring: string },
): void {
  putImage(map, ids.heading, headingArrow(colors.arrow, colors.outline));
  putImage(map, ids.staleRing, dashedRing(colors.ring));
}

export function removeUnitMarkerImages(map: MapLibreMap, ids: string[]): void {
  if (isMapRemoved(map)) return;
  for (const id of ids) if (map.hasImage(id)) map.removeImage(id);
}
