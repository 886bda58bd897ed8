import type { Theme } from '../../app/theme.ts';

export interface MapPalette {
  background: string;
  districtFill: string;
  districtOutline: string;
  beatOutline: string;
}

// Chosen to read against both backgrounds and against each other; the map is drawn, not
// styled by CSS, so the colours live here rather than in the stylesheet.
const palettes: Record<Theme, MapPalette> = {
  dark: {
    background: '#0b141d',
    districtFill: '#3d8bfd',
    districtOutline: '#7ab8ff',
    beatOutline: '#8a9bb0',
  },
  light: {
    background: '#e9eef3',
    districtFill: '#1f5fbf',
    districtOutline: '#1748a0',
    beatOutline: '#5b6b7f',
  },
};

export function mapPalette(theme: Theme): MapPalette {
  return palettes[theme];
}
