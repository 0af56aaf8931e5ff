import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DatasourceSettings } from '@gdlens/grafana-model';
import { enrichAccount } from '../../src/accounts/enrich';
import { checkDashboard, readDashboard } from '../../src/check';
import type { ParsedRecord } from '../../src/records';
import { recordsFromValue } from '../../src/sources/files';
import { createTestStore, provisionedDataSources, rawFinding, type TestStore } from './helpers';

const PROVISIONING = path.resolve(__dirname, '../../../provisioning');
const WINDOW = { fromMs: Date.parse('2026-01-10T00:00:00Z'), toMs: Date.parse('2026-01-11T00:00:00Z') };
const NAMED = '333333333333';
const OTHER = '444444444444';
const DIRECTORY = new Map([
  [NAMED, { name: 'payments' }],
  [OTHER, { name: 'lab', env: 'dev' }],
]);

let store: TestStore;
let datasources: Map<string, DatasourceSettings>;

/** A real finding (from the fixtures) moved to an account, a band and the test window. */
function finding(id: string, account: string, severity: number): ParsedRecord {
  const raw = structuredClone(rawFinding()) as Record<string, unknown> & { service: Record<string, unknown> };
  Object.assign(raw, { id, accountId: account, severity, updatedAt: '2026-01-10T06:00:00Z', createdAt: '2026-01-10T06:00:00Z' });
  raw.service = { ...raw.service, archived: false, additionalInfo: {} };
  const [record] = recordsFromValue(raw, { file: `accounts-${id}`, line: 1 });
  if (record?.kind !== 'finding') throw new Error(`fixture finding did not map: ${JSON.stringify(record)}`);
  return record;
}

beforeAll(async () => {
  store = await createTestStore();
  datasources = provisionedDataSources(store);
  const writer = store.writer({ now: () => Date.parse('2026-01-10T12:00:00Z') });
  // Three findings of NAMED written after the accounts file listed it, two before (no name), one of OTHER.
  for (const n of [1, 2, 3]) await writer.write(enrichAccount(finding(`named-${n}`, NAMED, 8), DIRECTORY));
  for (const n of [1, 2]) await writer.write(finding(`unnamed-${n}`, NAMED, 8));
  await writer.write(enrichAccount(finding('lab-1', OTHER, 9.5), DIRECTORY));
  await writer.flush();
  await store.refresh();
});

afterAll(async () => {
  await store.cleanup();
});

describe('Threats by account with account names', () => {
  it('shows each account with its name, and keeps the findings of an account stored before it had a name', async () => {
    const file = path.join(PROVISIONING, 'dashboards/gdlens/gdlens-threats.json');
    const dashboard = readDashboard(JSON.parse(readFileSync(file, 'utf8')), file, new Map());
    const results = await checkDashboard(dashboard, { datasources, range: WINDOW });
    const accounts = results.find((r) => r.title === 'Threats by account: Critical, High, Medium');
    expect(accounts?.status).toBe('ok');
    const totals: Record<string, number> = {};
    for (const frame of accounts?.raw_frames ?? []) {
      const value = frame.fields.find((f) => f.type === 'number');
      const labels = { ...value?.labels };
      delete labels.metricId;
      const key = Object.values(labels).join('|');
      totals[key] = (totals[key] ?? 0) + (value?.values ?? []).reduce<number>((sum, v) => sum + (typeof v === 'number' ? v : 0), 0);
    }
    expect(Object.fromEntries(Object.entries(totals).filter(([, v]) => v > 0))).toEqual({
      [`${NAMED}|payments|High`]: 3,
      [`${NAMED}|-|High`]: 2,
      [`${OTHER}|lab|Critical`]: 1,
    });
  });
});
