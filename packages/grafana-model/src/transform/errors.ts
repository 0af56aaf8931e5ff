import { GrafanaModelError } from '../errors';

/** A panel transformation that is not modelled, or whose options Grafana could not use. */
export class TransformationError extends GrafanaModelError {
  constructor(
    message: string,
    readonly transformationId: string,
  ) {
    super(`transformation "${transformationId}": ${message}`);
  }
}
