import { statPanel, tablePanel, timeSeriesPanel } from '../panels';
import { countByTerm, countOverTime, metricsByTerm } from '../targets';
import { dataSourceVariable } from '../variables';
import type { MetricAgg, OpenSearchTarget } from '../model/grafana';
import type { DashboardSpec } from './assemble';

export const PIPELINE_UID = 'gdlens-pipeline-health';

/** The newest arrival (max ingested_at) and the newest event time (max @timestamp): their gap is the ingest lag of the newest record. */
const NEWEST_ARRIVAL_AND_EVENT: readonly MetricAgg[] = [
  { id: '1', type: 'max', field: 'ingested_at' },
  { id: '2', type: 'max', field: '@timestamp' },
];

/** Is gdlens itself working: workers alive, records rejected, data arriving. */
export function pipelineDashboard(): DashboardSpec {
  return {
    uid: PIPELINE_UID,
    title: 'gdlens pipeline health',
    description: 'Worker heartbeats, dead letters and ingest freshness of the gdlens pipeline',
    time: { from: 'now-24h', to: 'now' },
    variables: [dataSourceVariable('heartbeats'), dataSourceVariable('deadLetters'), dataSourceVariable('findingsArrival'), dataSourceVariable('cloudtrailArrival')],
    panels: [
      tablePanel({
        view: 'pipeline-health',
        title: 'Last heartbeat per worker',
        description:
          'Newest heartbeat per worker (max @timestamp of the heartbeats index, shown as time ago); a worker that stopped shows an old time or drops out. Time field: @timestamp of the heartbeat; window: the dashboard time range.',
        width: 12,
        height: 8,
        targets: [
          perWorker([{ id: '1', type: 'max', field: '@timestamp' }]),
        ],
        // Every number column is a max(date): show it as time ago.
        defaults: { unit: 'dateTimeFromNow' },
        explore: { source: 'heartbeats', query: '*' },
      }),
      statPanel({
        view: 'pipeline-health',
        title: 'Dead letters',
        description:
          'Counts dead-letter documents: records gdlens read but could not index (one per record). Time field: ingested_at, when the record was rejected; window: the dashboard time range.',
        width: 6,
        height: 8,
        color: 'orange',
        targets: [countOverTime({ refId: 'A', source: 'deadLetters', query: '*' })],
        explore: { source: 'deadLetters', query: '*' },
      }),
      tablePanel({
        view: 'pipeline-health',
        title: 'Dead letters by reason',
        description: 'Counts dead-letter documents per reason (top 10). Time field: ingested_at; window: the dashboard time range.',
        width: 6,
        height: 8,
        targets: [
          countByTerm({ refId: 'A', source: 'deadLetters', query: '*', term: { field: 'reason', size: 10 } }),
        ],
        explore: { source: 'deadLetters', query: '*' },
      }),
      tablePanel({
        view: 'pipeline-health',
        title: 'Ingest freshness per source',
        description:
          'Per source (GuardDuty findings, CloudTrail): the newest arrival (max ingested_at) and the newest event time (max @timestamp) among documents that arrived in the window; their gap is the ingest lag of the newest record. Time field: ingested_at (arrival); window: the dashboard time range.',
        width: 12,
        height: 8,
        targets: [
          metricsByTerm({
            refId: 'A',
            source: 'findingsArrival',
            query: '*',
            metrics: NEWEST_ARRIVAL_AND_EVENT,
            term: { field: 'source', size: 5 },
          }),
          metricsByTerm({
            refId: 'B',
            source: 'cloudtrailArrival',
            query: '*',
            metrics: NEWEST_ARRIVAL_AND_EVENT,
            term: { field: 'source', size: 5 },
          }),
        ],
        transformations: [{ id: 'merge', options: {} }],
        // Every number column is a max(date): show it as time ago.
        defaults: { unit: 'dateTimeFromNow' },
        explore: { source: 'findingsArrival', query: '*' },
      }),
      statPanel({
        view: 'pipeline-health',
        title: 'Ingest lag (newest finding)',
        description:
          'Shows how far behind GuardDuty the newest written finding was: the newest arrival (max ingested_at) minus the newest event time (max @timestamp), over finding documents that arrived in the window. GuardDuty exports updates every 15 min to 6 h, so hours are normal for updates. Time field: ingested_at; window: the dashboard time range.',
        width: 6,
        height: 8,
        color: 'blue',
        unit: 'ms',
        reduce: 'lastNotNull',
        targets: [
          metricsByTerm({
            refId: 'A',
            source: 'findingsArrival',
            query: '*',
            metrics: NEWEST_ARRIVAL_AND_EVENT,
            term: { field: 'source', size: 1 },
          }),
        ],
        transformations: [
          {
            id: 'calculateField',
            options: { mode: 'binary', binary: { left: 'Max ingested_at', operator: '-', right: 'Max @timestamp' }, alias: 'Ingest lag', replaceFields: true },
          },
        ],
        explore: { source: 'findingsArrival', query: '*' },
      }),
      timeSeriesPanel({
        view: 'pipeline-health',
        title: 'Findings arriving',
        description:
          'Counts finding documents by arrival: unique findings whose latest write by gdlens falls in each bucket; a flat zero line while GuardDuty is active means the pipeline stalled. Time field: ingested_at; window: the dashboard time range.',
        width: 12,
        height: 8,
        targets: [countOverTime({ refId: 'A', alias: 'Findings written', source: 'findingsArrival', query: '*' })],
        overrides: [],
        explore: { source: 'findingsArrival', query: '*' },
      }),
      tablePanel({
        view: 'pipeline-health',
        title: 'Worker lag per source',
        description:
          "Per worker, from its newest heartbeat: how long it has stored no new finding, and no new CloudTrail record (heartbeat time minus the newest ingested_at it wrote; empty until it wrote one). A fresh heartbeat with a growing lag means AWS is quiet; a stale heartbeat (Last heartbeat per worker) means the worker is broken. Time field: @timestamp of the heartbeat; window: the dashboard time range.",
        width: 12,
        height: 8,
        targets: [
          perWorker([
            { id: '1', type: 'max', field: 'findings_lag_ms' },
            { id: '2', type: 'max', field: 'cloudtrail_lag_ms' },
          ]),
        ],
        defaults: { unit: 'ms' },
        explore: { source: 'heartbeats', query: '*' },
      }),
    ],
  };
}

/** Heartbeat values per worker. One heartbeat document per worker, so max is that worker's value. */
function perWorker(metrics: readonly MetricAgg[]): OpenSearchTarget {
  return metricsByTerm({ refId: 'A', source: 'heartbeats', query: '*', metrics, term: { field: 'worker_id', size: 50 } });
}
