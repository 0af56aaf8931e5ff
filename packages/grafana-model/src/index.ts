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
export { toFrames, flatten, parseRfc3339Ms, responseErrorMessage } from './datasource/frames';
export { executeMsearch, fetchShardCount } from './datasource/http';
export type { FetchLike, MsearchResponse } from './datasource/http';
export { interpolate, interpolateTarget, intervalBuiltins, luceneEscape, ALL_VALUE } from './templating/interpolate';
export type { TemplateVariable, BuiltinVariables, VariableFormat } from './templating/interpolate';
export { openSearchQueryRunner } from './datasource/runner';
export * from './expr/values';
export { reduce, reduceValues } from './expr/reduce';
export type { Reducer, ReduceMode } from './expr/reduce';
export { math, parseMath, binaryOp } from './expr/math';
export type { ParsedMath } from './expr/math';
export { threshold, thresholdPredicate } from './expr/threshold';
export type { ThresholdType, ThresholdEvaluator, Hysteresis } from './expr/threshold';
export { resample } from './expr/resample';
export type { Downsampler, Upsampler } from './expr/resample';
export { evaluateRule, conditionResults, EXPRESSION_DATASOURCE_UID } from './alerting/rule';
export type {
  AlertQuery,
  AlertRule,
  NoDataState,
  ExecErrState,
  RunnableQuery,
  QueryRunner,
  EvalState,
  EvalResult,
  RuleEvaluation,
  EvaluateOptions,
} from './alerting/rule';
export { RuleStateMachine } from './alerting/state';
export type { AlertState, AlertInstance, Transition, StepResult } from './alerting/state';
export { annotationRequest, toAnnotations } from './datasource/annotations';
export type { OpenSearchAnnotation, AnnotationEvent, AnnotationRequest } from './datasource/annotations';
export { indicesFor, formatIndexName, frontendIndexList } from './datasource/index-pattern';
export { applyTransformations, fieldDisplayName, formatLabels, frameLength, SUPPORTED_TRANSFORMATIONS, TransformationError } from './transform';
export type { TransformationConfig } from './transform';
