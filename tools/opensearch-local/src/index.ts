export { startOpenSearch, waitForYellow, ensureBuilt, JVM_FLAGS } from './launcher';
export type { StartOptions, RunningOpenSearch } from './launcher';
export { OpenSearchLocalError } from './errors';
export { parseCliArgs } from './cli-args';
export { testOpenSearchUrl, uniqueIndexName, requestJson } from './testing';
