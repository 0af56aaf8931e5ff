/**
 * @gdlens/grafana-model — how Grafana's OpenSearch data source (grafana-opensearch-datasource
 * v2.34.x) turns targets into `_msearch` requests and responses into data frames, and how Grafana
 * alerting evaluates server-side expressions and steps rule states. See README.md.
 */
export * from './types';
export * from './errors';
export {
  calculateInterval,
  calculatePanelInterval,
  formatIntervalMs,
  parseIntervalMs,
  roundIntervalMs,
  roundIntervalUpMs,
  secondsToHms,
  DEFAULT_MAX_BUCKETS,
  DEFAULT_RESOLUTION,
} from './datasource/interval';
export type { ResolvedInterval, PanelInterval } from './datasource/interval';
export { toMsearch, termsSize, termsBucketProduct, goJson } from './datasource/request';
export type { MsearchOptions } from './datasource/request';
export { toFrames, flatten, parseRfc3339Ms, responseErrorMessage, SearchResponseError } from './datasource/frames';
export { executeMsearch, fetchShardCount } from './datasource/http';
export type { FetchLike, MsearchResponse } from './datasource/http';
export { interpolate, interpolateTarget, intervalBuiltins, luceneEscape, ALL_VALUE } from './templating/interpolate';
export type { TemplateVariable, BuiltinVariables, VariableFormat } from './templating/interpolate';
