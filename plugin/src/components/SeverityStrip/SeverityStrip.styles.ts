import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';

export const getStyles = (theme: GrafanaTheme2) => ({
  container: css({
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
    width: '100%',
    height: '100%',
    overflow: 'auto',
    padding: theme.spacing(0.5),
    boxSizing: 'border-box',
  }),
  bar: css({
    display: 'flex',
    width: '100%',
    height: theme.spacing(3),
    borderRadius: theme.shape.radius.default,
    overflow: 'hidden',
    background: theme.colors.background.secondary,
  }),
  segment: css({
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    minWidth: theme.spacing(3),
    ...theme.typography.bodySmall,
    fontWeight: theme.typography.fontWeightMedium,
    overflow: 'hidden',
    whiteSpace: 'nowrap',
  }),
  bands: css({
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(140px, 1fr))',
    gap: theme.spacing(1),
  }),
  band: css({
    minWidth: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.25),
    padding: theme.spacing(0.5, 1),
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
  }),
  bandHeader: css({
    display: 'flex',
    alignItems: 'baseline',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
  }),
  bandName: css({
    ...theme.typography.bodySmall,
    color: theme.colors.text.secondary,
  }),
  bandCount: css({
    ...theme.typography.h4,
    margin: 0,
    fontVariantNumeric: 'tabular-nums',
  }),
  swatch: css({
    display: 'inline-block',
    width: theme.spacing(1),
    height: theme.spacing(1),
    borderRadius: theme.shape.radius.circle,
    marginRight: theme.spacing(0.5),
  }),
  noTrend: css({
    ...theme.typography.bodySmall,
    color: theme.colors.text.disabled,
  }),
});
