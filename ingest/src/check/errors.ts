import { IngestError } from '../errors';

/** A dashboard or provisioning file `gdlens check-dashboards` cannot use. */
export class DashboardCheckError extends IngestError {
  override readonly name = 'DashboardCheckError';
}
