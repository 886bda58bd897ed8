import type { Theme } from '../../app/theme.ts';

/** Sequential ramp, light to dark on the dark map and the reverse on the light one. */
const ramps: Record<Theme, readonly string[]> = {
  dark: ['#3a6ea5', '#5fa8d3', '#f2c14e', '#f78154', '#ff4d6d'],
  light: ['#dbe9f6', '#9ecae1', '#fdae6b', '#e6550d', '#a50f15'],
};

export function hexRamp(theme: Theme): readonly string[] {
  return ramps[theme];
}

export const selectedHexOutline: Record<Theme, string> = { dark: '#ffd166', light: '#c2410c' };
