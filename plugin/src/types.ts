/** Which of the three views the panel draws. */
export type PanelView = 'matrix' | 'decoder' | 'strip';

/** Severity bands the panel colours and counts (the finding-model's bands, highest first). */
export type Band = 'Critical' | 'High' | 'Medium' | 'Low';

/**
 * Panel options. Field options name the document field (or terms field) that holds each
 * dimension, so the panel also works on indices whose mapping differs from gdlens's own.
 */
export interface PanelOptions {
  view: PanelView;
  threatPurposeField: string;
  resourceTypeField: string;
  findingTypeField: string;
  severityField: string;
  accountField: string;
  findingIdField: string;
  /** Occurrence count of a finding (GuardDuty's `service.count`), summed for "occurrences". */
  occurrencesField: string;
  timeField: string;
  /** Matrix rows (threat purposes) and decoder rows (finding types) kept, largest first. */
  maxRows: number;
  /** Matrix columns (resource types) kept, largest first. */
  maxColumns: number;
  showLow: boolean;
}

/** The field-name options, as the data shaping reads them. */
export type FieldNames = Pick<
  PanelOptions,
  | 'threatPurposeField'
  | 'resourceTypeField'
  | 'findingTypeField'
  | 'severityField'
  | 'accountField'
  | 'findingIdField'
  | 'occurrencesField'
  | 'timeField'
>;

/** Where a matrix cell sends the dashboard when it is chosen. */
export interface MatrixSelection {
  threatPurpose: string;
  resourceType: string;
}
