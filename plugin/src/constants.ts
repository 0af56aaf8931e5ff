import type { Band, FieldNames, PanelOptions } from './types';

/** Field names of the documents gdlens indexes (ingest/src/records.ts `FindingDocument`). */
export const DEFAULT_FIELDS: FieldNames = {
  threatPurposeField: 'threat_purpose',
  resourceTypeField: 'resource_type_affected',
  findingTypeField: 'finding_type',
  severityField: 'severity_label',
  accountField: 'account_id',
  findingIdField: 'finding_id',
  occurrencesField: 'count',
  timeField: '@timestamp',
};

export const DEFAULT_OPTIONS: PanelOptions = {
  view: 'matrix',
  ...DEFAULT_FIELDS,
  maxRows: 20,
  maxColumns: 12,
  showLow: true,
};

/** Highest first, as GuardDuty's console lists them. */
export const BANDS: readonly Band[] = ['Critical', 'High', 'Medium', 'Low'];

/** Dashboard variables a matrix click sets, so the dashboard's other panels follow. */
export const MATRIX_VARIABLES = {
  threatPurpose: 'var-threat_purpose',
  resourceType: 'var-resource_type_affected',
} as const;

/** Finding types listed in a matrix cell's tooltip. */
export const TOOLTIP_TOP_TYPES = 5;

/** The column the OpenSearch data source names a `count` metric in a terms table. */
export const COUNT_COLUMN = 'Count';

export const TEST_IDS = {
  panel: 'gdlens-panel',
  matrix: 'gdlens-matrix',
  matrixCell: 'gdlens-matrix-cell',
  matrixTooltip: 'gdlens-matrix-tooltip',
  decoder: 'gdlens-decoder',
  decoderRow: 'gdlens-decoder-row',
  strip: 'gdlens-strip',
  stripSegment: 'gdlens-strip-segment',
  sparkline: 'gdlens-sparkline',
  tagMarker: 'gdlens-tag-marker',
  noData: 'gdlens-no-data',
} as const;
