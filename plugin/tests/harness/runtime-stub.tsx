// Stands in for @grafana/runtime on the harness page, where no Grafana runs: the location
// service records the panel's calls for the browser test to read, and the data error view shows
// its message the way Grafana's does.
import type { PanelDataErrorViewProps } from '@grafana/runtime';

export interface RecordedLocationUpdate {
  query: Record<string, unknown>;
  replace?: boolean;
}

declare global {
  interface Window {
    __locationUpdates?: RecordedLocationUpdate[];
    __harnessReady?: boolean;
  }
}

export const locationService = {
  partial(query: Record<string, unknown>, replace?: boolean): void {
    window.__locationUpdates = [...(window.__locationUpdates ?? []), { query, replace }];
  },
};

export function PanelDataErrorView({ message }: PanelDataErrorViewProps) {
  return (
    <div role="status" data-testid="harness-data-error">
      {message ?? 'No data'}
    </div>
  );
}
