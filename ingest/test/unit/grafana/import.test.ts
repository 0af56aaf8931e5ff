import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { runCli } from '../../../src/cli/run';
import { COMMANDS } from '../../../src/cli/commands';
import { GrafanaClient, GrafanaApiError } from '../../../src/grafana/client';
import { importIntoGrafana } from '../../../src/grafana/importer';
import { datasourceBodies, dashboardBodies, ruleGroupBodies, withGdlensRoute } from '../../../src/grafana/payloads';
import { DEFAULT_SETTINGS } from '@gdlens/alerts';
import { cliContext, tempDir } from '../helpers';
import { RecordingGrafana } from './recording-grafana';

const SCHEMAS = path.resolve(__dirname, '../../../../../shared/fixtures/grafana/schemas');
const TOKEN = 'glsa_test_token';

function alertingSchema(definition: string): ValidateFunction {
  const schema = JSON.parse(readFileSync(path.join(SCHEMAS, 'alerting.jsonschema.json'), 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema(schema, 'alerting');
  return ajv.getSchema(`alerting#/definitions/${definition}`) as ValidateFunction;
}

function expectValid(validate: ValidateFunction, value: unknown): void {
  if (!validate(value)) throw new Error(JSON.stringify(validate.errors, null, 2));
}

const DATASOURCE_YAML = `apiVersion: 1
datasources:
  - name: gdlens findings by arrival
    uid: gdlens-findings-arrival
    type: grafana-opensearch-datasource
    access: proxy
    url: $OPENSEARCH_URL
    editable: false
    jsonData:
      database: gdlens-findings
      timeField: ingested_at
      version: 2.19.6
`;

const DASHBOARD_JSON = JSON.stringify({ uid: 'gdlens-overview', title: 'GuardDuty overview', id: 7, panels: [] });

describe('gdlens grafana import against a recording stand-in for Grafana', () => {
  let grafana: RecordingGrafana;
  let url: string;
  let files: { dir: string; cleanup: () => void };

  beforeEach(async () => {
    grafana = new RecordingGrafana(`Bearer ${TOKEN}`);
    url = await grafana.start();
    files = tempDir();
    mkdirSync(path.join(files.dir, 'datasources'));
    mkdirSync(path.join(files.dir, 'dashboards'));
    writeFileSync(path.join(files.dir, 'datasources', 'gdlens.yaml'), DATASOURCE_YAML);
    writeFileSync(path.join(files.dir, 'dashboards', 'gdlens-overview.json'), DASHBOARD_JSON);
  });

  afterEach(async () => {
    await grafana.stop();
    files.cleanup();
  });

  function run(extra: string[] = []) {
    const cli = cliContext([
      'grafana',
      'import',
      '--url',
      url,
      '--token',
      TOKEN,
      '--datasources',
      path.join(files.dir, 'datasources'),
      '--dashboards',
      path.join(files.dir, 'dashboards'),
      '--webhook-url',
      'https://hooks.example.com/gdlens',
      ...extra,
    ]);
    const ctx = { ...cli.ctx, env: { OPENSEARCH_URL: 'http://opensearch:9200' } };
    return { status: runCli(ctx, COMMANDS), out: cli.out, err: cli.err };
  }

  it('sends exactly these requests on a fresh Grafana, in dependency order', async () => {
    const { status, err } = run();
    expect(await status).toBe(0);
    expect(err()).toBe('');
    expect(grafana.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/datasources/uid/gdlens-findings-arrival',
      'POST /api/datasources',
      'GET /api/folders/gdlens',
      'POST /api/folders',
      'POST /api/dashboards/db',
      'PUT /api/v1/provisioning/folder/gdlens/rule-groups/gdlens-integrity',
      'PUT /api/v1/provisioning/folder/gdlens/rule-groups/gdlens-trends',
      'PUT /api/v1/provisioning/folder/gdlens/rule-groups/gdlens-findings',
      'GET /api/v1/provisioning/contact-points?name=gdlens-webhook',
      'POST /api/v1/provisioning/contact-points',
      'GET /api/v1/provisioning/policies',
      'PUT /api/v1/provisioning/policies',
    ]);
    for (const request of grafana.requests) expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
    // Everything alerting-related is created editable in the UI; nothing else carries the header.
    const editable = grafana.requests.filter((r) => r.headers['x-disable-provenance'] === 'true').map((r) => `${r.method} ${r.path}`);
    expect(editable).toEqual([
      'PUT /api/v1/provisioning/folder/gdlens/rule-groups/gdlens-integrity',
      'PUT /api/v1/provisioning/folder/gdlens/rule-groups/gdlens-trends',
      'PUT /api/v1/provisioning/folder/gdlens/rule-groups/gdlens-findings',
      'POST /api/v1/provisioning/contact-points',
      'PUT /api/v1/provisioning/policies',
    ]);
  });

  it('sends bodies that validate against the Grafana request schemas', async () => {
    expect(await run().status).toBe(0);
    const byPath = (method: string, prefix: string) => grafana.requests.filter((r) => r.method === method && r.path.startsWith(prefix));
    const validateGroup = alertingSchema('RuleGroup');
    const groups = byPath('PUT', '/api/v1/provisioning/folder/');
    expect(groups).toHaveLength(3);
    for (const request of groups) expectValid(validateGroup, request.body);
    const [contact] = byPath('POST', '/api/v1/provisioning/contact-points');
    expectValid(alertingSchema('ContactPoint'), contact?.body);
    expect(contact?.body).toEqual({
      uid: 'gdlens-webhook',
      name: 'gdlens-webhook',
      type: 'webhook',
      settings: { url: 'https://hooks.example.com/gdlens', httpMethod: 'POST' },
      disableResolveMessage: false,
    });
    const [policies] = byPath('PUT', '/api/v1/provisioning/policies');
    expectValid(alertingSchema('NotificationPolicy'), policies?.body);
    const [datasource] = byPath('POST', '/api/datasources');
    expect(datasource?.body).toEqual({
      access: 'proxy',
      uid: 'gdlens-findings-arrival',
      name: 'gdlens findings by arrival',
      type: 'grafana-opensearch-datasource',
      url: 'http://opensearch:9200',
      jsonData: { database: 'gdlens-findings', timeField: 'ingested_at', version: '2.19.6' },
    });
    const [dashboard] = byPath('POST', '/api/dashboards/db');
    expect(dashboard?.body).toEqual({
      dashboard: { uid: 'gdlens-overview', title: 'GuardDuty overview', id: null, panels: [] },
      folderUid: 'gdlens',
      overwrite: true,
      message: 'gdlens grafana import',
    });
  });

  it('keeps the existing policy tree and nests the gdlens route first', async () => {
    grafana.policyTree = {
      receiver: 'ops-email',
      group_by: ['alertname'],
      routes: [{ receiver: 'ops-pager', object_matchers: [['team', '=', 'ops']] }],
    };
    expect(await run().status).toBe(0);
    expect(grafana.policyTree['receiver']).toBe('ops-email');
    const routes = grafana.policyTree['routes'] as Array<Record<string, unknown>>;
    expect(routes.map((r) => r['receiver'])).toEqual(['gdlens-webhook', 'ops-pager']);
    expect(routes[0]?.['object_matchers']).toEqual([['team', '=', 'gdlens']]);
    expect(routes[0]).toMatchObject({ group_wait: '10s', group_interval: '2m', repeat_interval: '1h' });
  });

  it('a second run updates in place: PUT for data sources and contact point, one gdlens route', async () => {
    expect(await run().status).toBe(0);
    const firstCount = grafana.requests.length;
    expect(await run(['--set', 'gdlens-backdoor-ratio.threshold=0.2']).status).toBe(0);
    const second = grafana.requests.slice(firstCount).map((r) => `${r.method} ${r.path}`);
    expect(second).toContain('PUT /api/datasources/uid/gdlens-findings-arrival');
    expect(second).not.toContain('POST /api/datasources');
    expect(second).not.toContain('POST /api/folders');
    expect(second).toContain('PUT /api/v1/provisioning/contact-points/gdlens-webhook');
    const routes = grafana.policyTree['routes'] as Array<Record<string, unknown>>;
    expect(routes.filter((r) => r['receiver'] === 'gdlens-webhook')).toHaveLength(1);
    const findings = grafana.ruleGroups.get('gdlens-findings') as { rules: Array<{ uid: string; data: Array<{ refId: string; model: Record<string, unknown> }> }> };
    const ratio = findings.rules.find((r) => r.uid === 'gdlens-backdoor-ratio');
    expect(ratio?.data.find((q) => q.refId === 'F')?.model['conditions']).toEqual([{ evaluator: { type: 'gt', params: [0.2] } }]);
  });

  it('stops at the first refused request and reports it', async () => {
    const { status, err } = run(['--token', 'wrong']);
    expect(await status).toBe(1);
    expect(err()).toContain('returned HTTP 401');
    expect(grafana.requests).toHaveLength(1);
  });

  it('refuses a data source file that uses an unset variable', async () => {
    const cli = cliContext(['grafana', 'import', '--url', url, '--token', TOKEN, '--datasources', path.join(files.dir, 'datasources'), '--webhook-url', 'https://h']);
    expect(await runCli(cli.ctx, COMMANDS)).toBe(1);
    expect(cli.err()).toContain('uses $OPENSEARCH_URL, which is not set');
    expect(grafana.requests).toHaveLength(0);
  });

  it('uses basic auth with the password from the environment when there is no token', async () => {
    await grafana.stop();
    grafana = new RecordingGrafana(`Basic ${Buffer.from('admin:s3cret pass', 'utf8').toString('base64')}`);
    url = await grafana.start();
    const cli = cliContext([
      'grafana', 'import', '--url', url, '--user', 'admin',
      '--datasources', path.join(files.dir, 'datasources'), '--dashboards', path.join(files.dir, 'dashboards'),
      '--webhook-url', 'https://hooks.example.com/gdlens',
    ]);
    const ctx = { ...cli.ctx, env: { OPENSEARCH_URL: 'http://opensearch:9200', GRAFANA_PASSWORD: 's3cret pass' } };
    expect(await runCli(ctx, COMMANDS)).toBe(0);
    expect(grafana.requests.length).toBeGreaterThan(5);
    expect(`${cli.out()}${cli.err()}`).not.toContain('s3cret');
  });

  it('names the empty environment variable when basic auth has no password', async () => {
    const cli = cliContext(['grafana', 'import', '--url', url, '--user', 'admin', '--password-env', 'GF_PASS', '--webhook-url', 'https://h']);
    expect(await runCli({ ...cli.ctx, env: {} }, COMMANDS)).toBe(1);
    expect(cli.err()).toContain('environment variable GF_PASS, which is empty');
    expect(grafana.requests).toHaveLength(0);
  });

  it('needs the import subcommand, a URL and a token', async () => {
    for (const argv of [['grafana'], ['grafana', 'export'], ['grafana', 'import', '--token', 't'], ['grafana', 'import', '--url', url]]) {
      const cli = cliContext(argv);
      expect(await runCli(cli.ctx, COMMANDS)).toBe(1);
      expect(cli.err()).toMatch(/subcommand|--url|--token/);
    }
    expect(grafana.requests).toHaveLength(0);
  });
});

describe('import payloads', () => {
  it('the repository data sources and dashboards parse into bodies with their uids', () => {
    const root = path.resolve(__dirname, '../../../..');
    const yaml = readFileSync(path.join(root, 'provisioning/datasources/gdlens.yaml'), 'utf8');
    const bodies = datasourceBodies([{ path: 'gdlens.yaml', text: yaml }], { OPENSEARCH_URL: 'http://os:9200' });
    expect(bodies.map((b) => b.uid)).toEqual(expect.arrayContaining(['gdlens-findings-arrival', 'gdlens-cloudtrail-arrival', 'gdlens-pipeline']));
    for (const body of bodies) expect(body.url).toBe('http://os:9200');
    const dashboards = dashboardBodies([{ path: 'x.json', text: DASHBOARD_JSON }], 'gdlens');
    expect(dashboards[0]?.dashboard['id']).toBeNull();
  });

  it('withGdlensRoute replaces our route and leaves the others', () => {
    const tree = { receiver: 'r', routes: [{ receiver: 'a' }, { receiver: 'old', object_matchers: [['team', '=', 'gdlens']] as Array<[string, string, string]> }] };
    const merged = withGdlensRoute(tree, DEFAULT_SETTINGS);
    expect(merged.routes?.map((r) => r.receiver)).toEqual(['a', 'gdlens-webhook']);
    expect(tree.routes[1]?.receiver).toBe('old');
  });

  it('importIntoGrafana surfaces a Grafana error as GrafanaApiError', async () => {
    const grafana = new RecordingGrafana(TOKEN);
    const url = await grafana.start();
    try {
      const client = new GrafanaClient(url, 'nope');
      await expect(
        importIntoGrafana(client, { settings: DEFAULT_SETTINGS, datasources: [], dashboards: [], ruleGroups: ruleGroupBodies(DEFAULT_SETTINGS, {}) }),
      ).rejects.toBeInstanceOf(GrafanaApiError);
    } finally {
      await grafana.stop();
    }
  });
});
