import type { AlertSettings, ApiRuleGroup, Route } from '@gdlens/alerts';
import { GrafanaApiError, type GrafanaClient } from './client';
import { contactPointBody, withGdlensRoute, type DashboardBody, type DatasourceBody } from './payloads';

/** What the import sends, prepared by the caller (see `payloads.ts`). */
export interface ImportInput {
  readonly settings: AlertSettings;
  readonly datasources: readonly DatasourceBody[];
  readonly dashboards: readonly DashboardBody[];
  readonly ruleGroups: readonly ApiRuleGroup[];
}

/** One resource written. */
export interface ImportAction {
  readonly resource: 'datasource' | 'folder' | 'dashboard' | 'rule-group' | 'contact-point' | 'notification-policy';
  readonly name: string;
  readonly action: 'created' | 'updated' | 'unchanged';
}

const enc = encodeURIComponent;

/**
 * Installs gdlens into a running Grafana through its HTTP API, in dependency order: data sources,
 * folder, dashboards, rule groups, contact point, then the nested notification route. Rules,
 * contact point and policy tree are sent with `X-Disable-Provenance: true` so they stay editable
 * in the UI. Idempotent: a second run updates in place.
 */
export async function importIntoGrafana(client: GrafanaClient, input: ImportInput, log: (line: string) => void = () => {}): Promise<ImportAction[]> {
  const actions: ImportAction[] = [];
  const record = (action: ImportAction): void => {
    actions.push(action);
    log(`${action.resource} ${action.name}: ${action.action}`);
  };
  const { settings } = input;

  for (const datasource of input.datasources) {
    const existing = await client.request('GET', `/api/datasources/uid/${enc(datasource.uid)}`, { accept: [404] });
    if (existing.status === 404) {
      await client.request('POST', '/api/datasources', { body: datasource });
      record({ resource: 'datasource', name: datasource.uid, action: 'created' });
    } else {
      await client.request('PUT', `/api/datasources/uid/${enc(datasource.uid)}`, { body: datasource });
      record({ resource: 'datasource', name: datasource.uid, action: 'updated' });
    }
  }

  const folder = await client.request('GET', `/api/folders/${enc(settings.folderUid)}`, { accept: [404] });
  if (folder.status === 404) {
    await client.request('POST', '/api/folders', { body: { uid: settings.folderUid, title: settings.folderTitle } });
    record({ resource: 'folder', name: settings.folderUid, action: 'created' });
  } else {
    record({ resource: 'folder', name: settings.folderUid, action: 'unchanged' });
  }

  for (const dashboard of input.dashboards) {
    await client.request('POST', '/api/dashboards/db', { body: dashboard });
    record({ resource: 'dashboard', name: String(dashboard.dashboard['uid']), action: 'updated' });
  }

  for (const group of input.ruleGroups) {
    await client.request('PUT', `/api/v1/provisioning/folder/${enc(settings.folderUid)}/rule-groups/${enc(group.title)}`, { body: group, editable: true });
    record({ resource: 'rule-group', name: group.title, action: 'updated' });
  }

  const contact = contactPointBody(settings);
  const existingContacts = await client.request<Array<{ uid?: string }>>('GET', `/api/v1/provisioning/contact-points?name=${enc(contact.name)}`);
  const contactExists = Array.isArray(existingContacts.body) && existingContacts.body.some((c) => c.uid === contact.uid);
  if (contactExists) {
    await client.request('PUT', `/api/v1/provisioning/contact-points/${enc(contact.uid)}`, { body: contact, editable: true });
    record({ resource: 'contact-point', name: contact.name, action: 'updated' });
  } else {
    await client.request('POST', '/api/v1/provisioning/contact-points', { body: contact, editable: true });
    record({ resource: 'contact-point', name: contact.name, action: 'created' });
  }

  const tree = await client.request<Route>('GET', '/api/v1/provisioning/policies');
  if (typeof tree.body !== 'object' || tree.body === null) {
    throw new GrafanaApiError(tree.status, 'GET', '/api/v1/provisioning/policies', 'expected the notification policy tree as a JSON object');
  }
  await client.request('PUT', '/api/v1/provisioning/policies', { body: withGdlensRoute(tree.body, settings), editable: true });
  record({ resource: 'notification-policy', name: `team=${settings.team}`, action: 'updated' });
  return actions;
}
