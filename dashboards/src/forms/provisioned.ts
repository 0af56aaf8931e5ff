import type { Dashboard } from '../model/grafana';

/**
 * The provisioned form is the built dashboard itself: data source variables default to the
 * fixed uids of `provisioning/datasources/gdlens.yaml`.
 */
export function provisionedForm(dashboard: Dashboard): Dashboard {
  return structuredClone(dashboard);
}
