import { parseYamlDocument } from '@gdlens/alerts';
import type { DatasourceSettings } from '@gdlens/grafana-model';
import { DashboardCheckError } from './errors';

const OPENSEARCH_PLUGIN_ID = 'grafana-opensearch-datasource';

interface ProvisionedDataSource {
  uid?: unknown;
  type?: unknown;
  url?: unknown;
  jsonData?: Record<string, unknown>;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The OpenSearch data sources of a Grafana provisioning file, keyed by uid, as the data source
 * backend reads their `jsonData`. `url` replaces the file's (usually `$OPENSEARCH_URL`); `prefix`
 * replaces the `gdlens` of each index alias.
 */
export function dataSourcesFromProvisioning(yamlText: string, file: string, url: string, prefix?: string): Map<string, DatasourceSettings> {
  const document = parseYamlDocument(yamlText, file) as { datasources?: ProvisionedDataSource[] } | null;
  const entries = document?.datasources;
  if (!Array.isArray(entries)) throw new DashboardCheckError(`${file}: no datasources list`, { file });
  const result = new Map<string, DatasourceSettings>();
  for (const entry of entries) {
    if (entry.type !== OPENSEARCH_PLUGIN_ID) continue;
    const uid = text(entry.uid);
    const json = entry.jsonData ?? {};
    const timeField = text(json.timeField);
    const version = text(json.version);
    if (uid === undefined || timeField === undefined || version === undefined) {
      throw new DashboardCheckError(`${file}: an OpenSearch data source lacks uid, jsonData.timeField or jsonData.version`, { file, uid });
    }
    // `gdlens setup --prefix P` names the aliases P-findings, …: follow it.
    const provisioned = text(json.database);
    const database = prefix === undefined || provisioned === undefined ? provisioned : provisioned.replace(/^gdlens-/, `${prefix}-`);
    const timeInterval = text(json.timeInterval);
    const maxShards = typeof json.maxConcurrentShardRequests === 'number' ? json.maxConcurrentShardRequests : undefined;
    result.set(uid, {
      uid,
      url,
      timeField,
      version,
      flavor: 'opensearch',
      ...(database === undefined ? {} : { database }),
      ...(timeInterval === undefined ? {} : { timeInterval }),
      ...(maxShards === undefined ? {} : { maxConcurrentShardRequests: maxShards }),
    });
  }
  return result;
}
