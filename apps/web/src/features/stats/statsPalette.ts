import type { Theme } from '../../app/theme.ts';

export interface StatsPalette {
  median: string;
  p90: string;
  target: string;
  grid: string;
  axis: string;
  /** The hover tooltip: the page's surface and text colours, not recharts' white default. */
  tooltip: { background: string; border: string; text: string };
}

// Checked against the page backgrounds of each theme for 3:1 non-text contrast; the two
// series also differ in shape (bar fill vs. outline, solid vs. dashed line).
const palettes: Record<Theme, StatsPalette> = {
  dark: {
    median: '#6cb6ff',
    p90: '#ffc857',
    target: '#ff9b93',
    grid: '#2e3b4a',
    axis: '#a5b3c2',
    tooltip: { background: '#151d26', border: '#2e3b4a', text: '#e6edf3' },
  },
  light: {
    median: '#0b5cad',
    p90: '#8a5300',
    target: '#b3261e',
    grid: '#d3dae2',
    axis: '#4f5d6d',
    tooltip: { background: '#ffffff', border: '#d3dae2', text: '#1b232c' },
  },
};

export function statsPalette(theme: Theme): StatsPalette {
  return palettes[theme];
}

/** Tooltip styles in the theme's colours (recharts' default is white with pale text). */
export function tooltipStyles(palette: StatsPalette) {
  return {
    contentStyle: {
      backgroundColor: palette.tooltip.background,
      borderColor: palette.tooltip.border,
      color: palette.tooltip.text,
    },
    labelStyle: { color: palette.tooltip.text },
    itemStyle: { color: palette.tooltip.text },
  };
}
