/**
 * The `yaml` package, loaded on first use. Only a `--config` file or an accounts file is YAML,
 * and loading the package cost about 80 ms of every command's start-up (measured with
 * `node -e "require('yaml')"`), paid even by a run that reads no YAML at all.
 */
import type * as YamlModule from 'yaml';

let loaded: typeof YamlModule | undefined;

export function yaml(): typeof YamlModule {
  // A plain require (this package builds to CommonJS) keeps the call synchronous for the sync readers.
  loaded ??= require('yaml') as typeof YamlModule;
  return loaded;
}
