import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';

export const getStyles = (theme: GrafanaTheme2) => ({
  container: css({
    position: 'relative',
    width: '100%',
    height: '100%',
    overflow: 'auto',
  }),
  grid: css({
    display: 'grid',
    gap: theme.spacing(0.5),
    alignItems: 'stretch',
    padding: theme.spacing(0.5),
  }),
  row: css({
    display: 'contents',
  }),
  columnHeader: css({
    ...theme.typography.bodySmall,
    color: theme.colors.text.secondary,
    textAlign: 'center',
    alignSelf: 'end',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  }),
  rowHeader: css({
    ...theme.typography.bodySmall,
    color: theme.colors.text.secondary,
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'flex-end',
    paddingRight: theme.spacing(1),
    whiteSpace: 'nowrap',
  }),
  cell: css({
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    minHeight: theme.spacing(4),
    minWidth: theme.spacing(5),
    borderRadius: theme.shape.radius.default,
    fontWeight: theme.typography.fontWeightMedium,
    cursor: 'pointer',
    border: `1px solid ${theme.colors.border.weak}`,
    '&:focus-visible, &:focus': {
      outline: `2px solid ${theme.colors.primary.main}`,
      outlineOffset: '1px',
    },
    '&:hover': {
      boxShadow: theme.shadows.z2,
    },
  }),
  emptyCell: css({
    cursor: 'default',
    color: theme.colors.text.disabled,
  }),
  tooltip: css({
    position: 'absolute',
    zIndex: theme.zIndex.tooltip,
    maxWidth: 420,
    padding: theme.spacing(1),
    background: theme.colors.background.elevated,
    border: `1px solid ${theme.colors.border.medium}`,
    borderRadius: theme.shape.radius.default,
    boxShadow: theme.shadows.z3,
    color: theme.colors.text.primary,
    ...theme.typography.bodySmall,
    pointerEvents: 'none',
  }),
  tooltipTitle: css({
    fontWeight: theme.typography.fontWeightMedium,
    marginBottom: theme.spacing(0.5),
  }),
  tooltipList: css({
    listStyle: 'none',
    margin: 0,
    padding: 0,
    'li + li': {
      marginTop: theme.spacing(0.5),
    },
  }),
  tooltipType: css({
    fontFamily: theme.typography.fontFamilyMonospace,
  }),
  tooltipExplanation: css({
    color: theme.colors.text.secondary,
  }),
  footnote: css({
    ...theme.typography.bodySmall,
    color: theme.colors.text.secondary,
    padding: theme.spacing(0.5),
  }),
});
