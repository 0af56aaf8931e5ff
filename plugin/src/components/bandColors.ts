import type { GrafanaTheme2 } from '@grafana/data';
import type { Band } from '../types';

/** Grafana palette names per band, resolved through the theme so dark and light both read well. */
const BAND_PALETTE: Record<Band, string> = {
  Critical: 'dark-red',
  High: 'orange',
  Medium: 'yellow',
  Low: 'blue',
};

/** The band's colour; an empty or unknown-only cell takes the theme's secondary background. */
export function bandColor(theme: GrafanaTheme2, band: Band | undefined): string {
  return band ? theme.visualization.getColorByName(BAND_PALETTE[band]) : theme.colors.background.secondary;
}

/** Readable text on the band colour. */
export function bandTextColor(theme: GrafanaTheme2, band: Band | undefined): string {
  return band ? theme.colors.getContrastText(bandColor(theme, band)) : theme.colors.text.secondary;
}
