import type { AlertSettings } from './settings';
import type { ContactPointFile, RootPolicyFile, Route } from './types';

/** Uid of the webhook receiver, stable so the import command can update it in place. */
export const WEBHOOK_RECEIVER_UID = 'gdlens-webhook';

/** The contact point every gdlens alert goes to. */
export function contactPoint(settings: AlertSettings): ContactPointFile {
  return {
    orgId: settings.orgId,
    name: settings.contactPointName,
    receivers: [
      {
        uid: WEBHOOK_RECEIVER_UID,
        type: 'webhook',
        settings: { url: settings.webhookUrl, httpMethod: 'POST' },
        // Resolved notifications close the page in the on-call tool.
        disableResolveMessage: false,
      },
    ],
  };
}

/**
 * The route for `team=gdlens`, nested under whatever root a Grafana already has.
 *
 * Timings are chosen for security paging: `group_wait` 10s so tampering pages within one rule
 * evaluation plus seconds; `group_interval` 2m so a second account hit by the same rule is
 * announced quickly; `repeat_interval` 1h so an unhandled critical alert is not forgotten.
 * Warnings (a quiet account) go to a child route that repeats once a day, so a quiet account
 * does not page all day.
 */
export function gdlensRoute(settings: AlertSettings): Route {
  return {
    receiver: settings.contactPointName,
    object_matchers: [['team', '=', settings.team]],
    group_by: ['alertname', 'grafana_folder', 'account_id', 'region'],
    group_wait: '10s',
    group_interval: '2m',
    repeat_interval: '1h',
    routes: [
      {
        receiver: settings.contactPointName,
        object_matchers: [['severity', '=', 'warning']],
        group_wait: '1m',
        group_interval: '30m',
        repeat_interval: '24h',
      },
    ],
  };
}

/** Whether a route is the one `gdlensRoute` builds (matched on its team matcher). */
export function isGdlensRoute(route: Route, settings: AlertSettings): boolean {
  return (route.object_matchers ?? []).some(([label, op, value]) => label === 'team' && op === '=' && value === settings.team);
}

/**
 * The whole routing tree, for the docker-compose stack only: a provisioned root replaces a
 * Grafana's entire tree, so it must never be applied to a Grafana that has its own policies.
 */
export function stackRootPolicy(settings: AlertSettings): RootPolicyFile {
  return {
    orgId: settings.orgId,
    receiver: settings.contactPointName,
    group_by: ['grafana_folder', 'alertname'],
    group_wait: '30s',
    group_interval: '5m',
    repeat_interval: '4h',
    routes: [gdlensRoute(settings)],
  };
}
