import { PanelPlugin } from '@grafana/data';
import { GdlensPanel } from './components/GdlensPanel';
import { DEFAULT_OPTIONS } from './constants';
import type { PanelOptions, PanelView } from './types';

const VIEW_OPTIONS: Array<{ value: PanelView; label: string; description: string }> = [
  { value: 'matrix', label: 'Threat matrix', description: 'Threat purposes × affected resource types, coloured by highest severity' },
  { value: 'decoder', label: 'Finding decoder', description: 'Top finding types split into their parts, with counts' },
  { value: 'strip', label: 'Severity strip', description: 'Critical, High, Medium and Low counts with trend lines' },
];

const FIELD_OPTIONS: Array<{ path: keyof PanelOptions & `${string}Field`; name: string; description: string }> = [
  { path: 'threatPurposeField', name: 'Threat purpose field', description: 'Terms or document field holding the threat purpose (Backdoor, Recon…)' },
  { path: 'resourceTypeField', name: 'Resource type field', description: 'Field holding the affected resource type (EC2, IAMUser…)' },
  { path: 'findingTypeField', name: 'Finding type field', description: 'Field holding the full GuardDuty finding type' },
  { path: 'severityField', name: 'Severity band field', description: 'Field or series label holding Critical, High, Medium or Low' },
  { path: 'accountField', name: 'Account field', description: 'Field holding the AWS account id' },
  { path: 'findingIdField', name: 'Finding id field', description: 'Field holding the finding id (marks a frame as documents)' },
  { path: 'occurrencesField', name: 'Occurrences field', description: 'Field holding how often GuardDuty saw the finding' },
  { path: 'timeField', name: 'Time field', description: 'Time field of documents and series' },
];

export const plugin = new PanelPlugin<PanelOptions>(GdlensPanel).setPanelOptions((builder) => {
  builder.addRadio({
    path: 'view',
    name: 'View',
    defaultValue: DEFAULT_OPTIONS.view,
    settings: { options: VIEW_OPTIONS },
  });
  builder.addNumberInput({
    path: 'maxRows',
    name: 'Maximum rows',
    description: 'Threat purposes in the matrix, finding types in the decoder',
    defaultValue: DEFAULT_OPTIONS.maxRows,
    settings: { min: 1, integer: true },
    showIf: (options) => options.view !== 'strip',
  });
  builder.addNumberInput({
    path: 'maxColumns',
    name: 'Maximum columns',
    description: 'Resource types in the matrix',
    defaultValue: DEFAULT_OPTIONS.maxColumns,
    settings: { min: 1, integer: true },
    showIf: (options) => options.view === 'matrix',
  });
  builder.addBooleanSwitch({
    path: 'showLow',
    name: 'Show Low severity',
    defaultValue: DEFAULT_OPTIONS.showLow,
  });
  for (const field of FIELD_OPTIONS) {
    builder.addTextInput({
      path: field.path,
      name: field.name,
      description: field.description,
      category: ['Fields'],
      defaultValue: DEFAULT_OPTIONS[field.path],
    });
  }
  return builder;
});
