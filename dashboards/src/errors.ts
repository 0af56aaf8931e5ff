/** Base of every error the dashboards generator raises on purpose. */
export class DashboardsError extends Error {
  override readonly name: string = 'DashboardsError';

  constructor(message: string, readonly context: Readonly<Record<string, unknown>> = {}) {
    super(message);
  }
}
