import type { Theme } from '../../app/theme.ts';

export interface StatsPalette {
  median: string;
  p90: string;
  target: string;
  grid: string;
  axis: string;
}

// Checked against the page backgrounds of each theme for 3:1 non-text contrast; the two
// series also differ in shape (bar fill vs. outline, solid vs. dashed line).
const palettes: Record<Theme, StatsPalette> = {
  dark: { median: '#6cb6ff', p90: '#ffc857', target: '#ff9b93', grid: '#2e3b4a', axis: '#a5b3c2' },
  light: { median: '#0b5cad', p90: '#8a5300', target: '#b3261e', grid: '#d3dae2', axis: '#4f5d6d' },
};

export function statsPalette(theme: Theme): StatsPalette {
  return palettes[theme];
}
