import { type DataFrame, EventBusSrv, getDefaultTimeRange, LoadingState, type PanelProps } from '@grafana/data';
import { DEFAULT_OPTIONS } from '../constants';
import type { PanelOptions } from '../types';

/** PanelProps as Grafana passes them, for `series` and option overrides. */
export function panelProps(series: DataFrame[], options: Partial<PanelOptions> = {}): PanelProps<PanelOptions> {
  const timeRange = getDefaultTimeRange();
  return {
    id: 1,
    data: {
      state: LoadingState.Done,
      series,
      timeRange,
      request: {
        requestId: 'Q1',
        interval: '1m',
        intervalMs: 60_000,
        range: timeRange,
        scopedVars: {},
        targets: [{ refId: 'A', datasource: { type: 'grafana-opensearch-datasource', uid: 'gdlens-findings' } }],
        timezone: 'utc',
        app: 'dashboard',
        startTime: 0,
      },
    },
    timeRange,
    timeZone: 'utc',
    options: { ...DEFAULT_OPTIONS, ...options },
    transparent: false,
    width: 800,
    height: 400,
    fieldConfig: { defaults: {}, overrides: [] },
    renderCounter: 0,
    title: 'gdlens',
    eventBus: new EventBusSrv(),
    onOptionsChange: jest.fn(),
    onFieldConfigChange: jest.fn(),
    replaceVariables: (text: string) => text,
    onChangeTimeRange: jest.fn(),
  };
}
