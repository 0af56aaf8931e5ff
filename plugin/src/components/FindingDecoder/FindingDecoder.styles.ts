import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';

export const getStyles = (theme: GrafanaTheme2) => ({
  container: css({
    width: '100%',
    height: '100%',
    overflow: 'auto',
  }),
  table: css({
    width: '100%',
    borderCollapse: 'collapse',
    ...theme.typography.bodySmall,
    'th, td': {
      padding: theme.spacing(0.5, 0.75),
      borderBottom: `1px solid ${theme.colors.border.weak}`,
      textAlign: 'left',
      verticalAlign: 'top',
    },
    th: {
      position: 'sticky',
      top: 0,
      background: theme.colors.background.primary,
      zIndex: 1,
    },
  }),
  typeCell: css({
    minWidth: 160,
    maxWidth: 240,
  }),
  explanation: css({
    minWidth: 160,
    maxWidth: 240,
    overflowWrap: 'anywhere',
    color: theme.colors.text.secondary,
  }),
  date: css({
    textAlign: 'right',
    fontVariantNumeric: 'tabular-nums',
    whiteSpace: 'pre',
    minWidth: 80,
  }),
  numeric: css({
    textAlign: 'right',
    fontVariantNumeric: 'tabular-nums',
    whiteSpace: 'nowrap',
  }),
  sortButton: css({
    background: 'none',
    border: 'none',
    padding: 0,
    color: theme.colors.text.primary,
    fontWeight: theme.typography.fontWeightMedium,
    cursor: 'pointer',
    whiteSpace: 'nowrap',
    '&:focus-visible': {
      outline: `2px solid ${theme.colors.primary.main}`,
    },
  }),
  typeLink: css({
    fontFamily: theme.typography.fontFamilyMonospace,
    overflowWrap: 'anywhere',
    color: theme.colors.text.link,
    '&:hover': {
      textDecoration: 'underline',
    },
  }),
  parts: css({
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5),
    marginTop: theme.spacing(0.5),
    padding: 0,
    margin: 0,
    listStyle: 'none',
  }),
  part: css({
    padding: theme.spacing(0, 0.5),
    borderRadius: theme.shape.radius.default,
    background: theme.colors.background.secondary,
    color: theme.colors.text.secondary,
  }),
  partName: css({
    color: theme.colors.text.disabled,
    marginRight: theme.spacing(0.5),
  }),
  badge: css({
    display: 'inline-block',
    padding: theme.spacing(0, 0.75),
    borderRadius: theme.shape.radius.pill,
    fontWeight: theme.typography.fontWeightMedium,
    whiteSpace: 'nowrap',
  }),
  more: css({
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    padding: theme.spacing(1),
    ...theme.typography.bodySmall,
    color: theme.colors.text.secondary,
  }),
  moreButton: css({
    background: theme.colors.secondary.main,
    color: theme.colors.secondary.text,
    border: `1px solid ${theme.colors.border.medium}`,
    borderRadius: theme.shape.radius.default,
    padding: theme.spacing(0.25, 1),
    cursor: 'pointer',
  }),
  muted: css({
    color: theme.colors.text.disabled,
  }),
});
