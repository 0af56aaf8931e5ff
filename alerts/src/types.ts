/**
 * Grafana alerting resources in their **file-provisioning** form (`provisioning/alerting/*.yaml`,
 * Grafana's `rules_types.go`): the form this package treats as the source of truth. `api.ts`
 * maps it to the HTTP provisioning API form.
 */

export type NoDataState = 'NoData' | 'Alerting' | 'OK' | 'KeepLast';
export type ExecErrState = 'Error' | 'Alerting' | 'OK' | 'KeepLast';

/** Seconds before the evaluation time: `{ from: 600, to: 0 }` is the last ten minutes. */
export interface RelativeTimeRange {
  from: number;
  to: number;
}

/** One entry of a rule's `data[]`: a data source query or a server-side expression. */
export interface RuleQuery {
  refId: string;
  queryType: string;
  relativeTimeRange: RelativeTimeRange;
  datasourceUid: string;
  model: Record<string, unknown>;
}

export interface ProvisionedRule {
  uid: string;
  title: string;
  condition: string;
  data: RuleQuery[];
  for: string;
  noDataState: NoDataState;
  execErrState: ExecErrState;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  dashboardUid?: string;
  panelId?: number;
  isPaused: boolean;
}

export interface ProvisionedRuleGroup {
  orgId: number;
  name: string;
  /** The folder's title; file provisioning creates the folder if needed. */
  folder: string;
  /** Evaluation interval, e.g. `1m`. */
  interval: string;
  rules: ProvisionedRule[];
}

export interface WebhookReceiver {
  uid: string;
  type: 'webhook';
  settings: { url: string; httpMethod: 'POST' };
  disableResolveMessage: boolean;
}

export interface ContactPointFile {
  orgId: number;
  name: string;
  receivers: WebhookReceiver[];
}

/** A notification policy node, with the alertmanager field names Grafana uses in files and the API. */
export interface Route {
  receiver?: string;
  group_by?: string[];
  group_wait?: string;
  group_interval?: string;
  repeat_interval?: string;
  object_matchers?: Array<[string, string, string]>;
  continue?: boolean;
  routes?: Route[];
}

export interface RootPolicyFile extends Route {
  orgId: number;
  receiver: string;
}

/** The top level of one alerting provisioning file. */
export interface AlertingProvisioningFile {
  apiVersion: 1;
  groups?: ProvisionedRuleGroup[];
  contactPoints?: ContactPointFile[];
  policies?: RootPolicyFile[];
}
