import { firingRules } from '../../src/firing';
import { panelRows, parsePanelReports, rawRowCount, renderSummary, type PanelReport } from '../../src/summary';

const report = (title: string, frames: PanelReport['frames']): PanelReport => ({ dashboard_uid: 'd', panel_id: 1, title, status: 'ok', latency_ms: 3, frames });

describe('panelRows', () => {
  it('reads a terms table: string columns as the key, the last number column as the value, largest first', () => {
    const rows = panelRows(
      report('Regions', [
        {
          fields: [
            { name: 'region', type: 'string', values: ['us-east-1', 'eu-west-1', 'ap-south-1'] },
            { name: 'Count', type: 'number', values: [4, 9, 4] },
          ],
        },
      ]),
    );
    expect(rows).toEqual([
      { key: 'eu-west-1', value: 9 },
      { key: 'ap-south-1', value: 4 },
      { key: 'us-east-1', value: 4 },
    ]);
  });

  it('sums each labelled series and drops blank label parts', () => {
    const rows = panelRows(
      report('Accounts', [
        { fields: [{ name: 'Time', type: 'time', values: [1, 2] }, { name: 'Count', type: 'number', labels: { account_id: '1111', account_name: '-' }, values: [2, 3] }] },
        { fields: [{ name: 'Time', type: 'time', values: [1, 2] }, { name: 'Count', type: 'number', labels: { account_id: '2222', account_name: 'prod' }, values: [1, null] }] },
      ]),
    );
    expect(rows).toEqual([
      { key: '1111', value: 5 },
      { key: '2222 / prod', value: 1 },
    ]);
  });

  it('counts a Raw Data frame by rows instead of listing it', () => {
    const raw = report('Latest', [
      {
        fields: ['a', 'b', 'c', 'd'].map((name) => ({ name, type: 'string', values: ['x', 'y', 'z'] })),
      },
    ]);
    expect(rawRowCount(raw)).toBe(3);
    expect(panelRows(raw)).toEqual([]);
    expect(rawRowCount(report('t', []))).toBeUndefined();
    const annotations = report('annotation', [{ fields: [{ name: 'time', type: 'time', values: [1, 2] }, { name: 'text', type: 'string', values: ['a', 'b'] }] }]);
    expect(rawRowCount(annotations)).toBe(2);
  });
});

describe('renderSummary', () => {
  it('writes a single unlabelled value on the title line, and tables as top rows', () => {
    const reports = parsePanelReports(
      [
        JSON.stringify(report('Critical findings', [{ fields: [{ name: 'Time', type: 'time', values: [1, 2] }, { name: 'Count', type: 'number', values: [2, 5] }] }])),
        'not json',
        JSON.stringify({ ...report('Regions', [{ fields: [{ name: 'region', type: 'string', values: ['a', 'b'] }, { name: 'Count', type: 'number', values: [1, 2] }] }]), panel_id: 2 }),
      ].join('\n'),
    );
    expect(renderSummary(reports, [{ dashboardUid: 'd', panelId: 1 }, { dashboardUid: 'd', panelId: 2 }, { dashboardUid: 'd', panelId: 9 }])).toBe(
      'Critical findings: 7\nRegions\n  b          2\n  a          1\n',
    );
  });
});

describe('firingRules', () => {
  it('lists each rule that reached Alerting once, with its instances and first firing', () => {
    const lines = [
      { time: '2026-01-01T00:02:00Z', rule_uid: 'r1', state: 'Alerting', labels: { b: '2', a: '1' } },
      { time: '2026-01-01T00:01:00Z', rule_uid: 'r1', state: 'Alerting', labels: { a: '1', b: '2' } },
      { time: '2026-01-01T00:01:00Z', rule_uid: 'r2', state: 'Pending', labels: {} },
      { time: '2026-01-01T00:03:00Z', rule_uid: 'r0', state: 'Alerting' },
    ]
      .map((line) => JSON.stringify(line))
      .concat(['# summary table'])
      .join('\n');
    expect(firingRules(lines)).toEqual([
      { ruleUid: 'r0', instances: [''], firstFiringAt: '2026-01-01T00:03:00Z' },
      { ruleUid: 'r1', instances: ['a=1,b=2'], firstFiringAt: '2026-01-01T00:01:00Z' },
    ]);
  });
});
