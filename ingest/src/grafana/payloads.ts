/**
 * Request bodies for `gdlens grafana import`, built from the typed rules (`@gdlens/alerts`), the
 * data source provisioning files and the dashboard JSON. Pure: no I/O.
 */
import {
  WEBHOOK_RECEIVER_UID,
  buildRuleGroups,
  contactPoint,
  gdlensRoute,
  isGdlensRoute,
  parseYamlDocument,
  toApiRuleGroup,
  type AlertSettings,
  type ApiRuleGroup,
  type ParamOverrides,
  type Route,
} from '@gdlens/alerts';
import { ConfigError } from '../errors';

/** A file's path and text, read by the caller. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

/** Body of `POST /api/datasources` and `PUT /api/datasources/uid/:uid`. */
export interface DatasourceBody {
  uid: string;
  name: string;
  type: string;
  access: string;
  url?: string;
  basicAuth?: boolean;
  basicAuthUser?: string;
  isDefault?: boolean;
  jsonData?: Record<string, unknown>;
  secureJsonData?: Record<string, unknown>;
}

/** Body of `POST /api/dashboards/db`. */
export interface DashboardBody {
  dashboard: Record<string, unknown>;
  folderUid: string;
  overwrite: true;
  message: string;
}

/** Body of `POST/PUT /api/v1/provisioning/contact-points`. */
export interface ContactPointBody {
  uid: string;
  name: string;
  type: 'webhook';
  settings: Record<string, unknown>;
  disableResolveMessage: boolean;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Expands `$VAR` and `${VAR}` in every string, as Grafana does when it reads a provisioning file.
 * An unset variable is a configuration error: a data source URL of "" would import silently broken.
 */
export function expandEnv(value: unknown, env: Readonly<Record<string, string | undefined>>, file: string): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_match, braced: string | undefined, bare: string | undefined) => {
      const name = (braced ?? bare) as string;
      const replacement = env[name];
      if (replacement === undefined) throw new ConfigError(`${file} uses $${name}, which is not set in the environment`, { file, variable: name });
      return replacement;
    });
  }
  if (Array.isArray(value)) return value.map((item) => expandEnv(item, env, file));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, expandEnv(item, env, file)]));
  return value;
}

const DATASOURCE_KEYS = ['uid', 'name', 'type', 'access', 'url', 'basicAuth', 'basicAuthUser', 'isDefault', 'jsonData', 'secureJsonData'] as const;

/** The data sources of `provisioning/datasources/*.yaml` as API bodies (file-only keys such as `editable` dropped). */
export function datasourceBodies(files: readonly SourceFile[], env: Readonly<Record<string, string | undefined>>): DatasourceBody[] {
  return files.flatMap((file) => {
    const document = parseYamlDocument(file.text, file.path);
    if (!isRecord(document) || !Array.isArray(document['datasources'])) return [];
    return (document['datasources'] as unknown[]).map((entry, index) => {
      if (!isRecord(entry) || typeof entry['uid'] !== 'string' || typeof entry['name'] !== 'string' || typeof entry['type'] !== 'string') {
        throw new ConfigError(`${file.path}: datasources[${index}] needs uid, name and type`, { file: file.path });
      }
      const body: Record<string, unknown> = { access: 'proxy' };
      for (const key of DATASOURCE_KEYS) if (entry[key] !== undefined) body[key] = entry[key];
      return expandEnv(body, env, file.path) as DatasourceBody;
    });
  });
}

/** Dashboard JSON files (a bare dashboard or `{dashboard: …}`) as import bodies into the folder. */
export function dashboardBodies(files: readonly SourceFile[], folderUid: string): DashboardBody[] {
  return files.map((file) => {
    let json: unknown;
    try {
      json = JSON.parse(file.text);
    } catch (error) {
      throw new ConfigError(`${file.path} is not JSON: ${error instanceof Error ? error.message : String(error)}`, { file: file.path });
    }
    const dashboard = isRecord(json) && isRecord(json['dashboard']) ? json['dashboard'] : json;
    if (!isRecord(dashboard) || typeof dashboard['uid'] !== 'string') throw new ConfigError(`${file.path}: a dashboard needs a uid`, { file: file.path });
    // `id: null` lets Grafana match on uid, so a re-import updates instead of conflicting.
    return { dashboard: { ...dashboard, id: null }, folderUid, overwrite: true, message: 'gdlens grafana import' };
  });
}

/** The rule groups as `PUT …/rule-groups/:group` bodies. */
export function ruleGroupBodies(settings: AlertSettings, overrides: ParamOverrides): ApiRuleGroup[] {
  return buildRuleGroups(settings, overrides).map((group) => toApiRuleGroup(group, settings));
}

/** The webhook contact point in the API's form. */
export function contactPointBody(settings: AlertSettings): ContactPointBody {
  const receiver = contactPoint(settings).receivers[0];
  if (!receiver) throw new ConfigError('the gdlens contact point has no receiver');
  return {
    uid: WEBHOOK_RECEIVER_UID,
    name: settings.contactPointName,
    type: receiver.type,
    settings: { ...receiver.settings },
    disableResolveMessage: receiver.disableResolveMessage,
  };
}

/**
 * The existing notification tree with the gdlens route replaced (or added as the root's first
 * child, so it matches before a catch-all sibling). Nothing else in the tree changes.
 */
export function withGdlensRoute(tree: Route, settings: AlertSettings): Route {
  const ours = gdlensRoute(settings);
  const routes = tree.routes ?? [];
  const index = routes.findIndex((route) => isGdlensRoute(route, settings));
  const next = index === -1 ? [ours, ...routes] : routes.map((route, i) => (i === index ? ours : route));
  return { ...tree, routes: next };
}
