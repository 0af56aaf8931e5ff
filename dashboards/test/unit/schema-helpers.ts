import Ajv, { type ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The foundation SDK's JSON Schemas, shared read-only beside the repository. */
export const SCHEMAS_DIR = resolve(__dirname, '../../../../shared/fixtures/grafana/schemas');

function loadSchema(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(resolve(SCHEMAS_DIR, `${name}.jsonschema.json`), 'utf8')) as Record<string, unknown>;
}

// The schemas use format "date-time" only on snapshot metadata we never write; ajv-formats is not worth a dependency for it.
const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });

/** Validator for the whole classic dashboard model. */
export function dashboardValidator(): ValidateFunction {
  return ajv.getSchema('dashboard') ?? (ajv.addSchema(loadSchema('dashboard'), 'dashboard'), ajv.getSchema('dashboard')!);
}

/** Validator for one definition of a panel schema (`Options`, `FieldConfig`), or undefined when the panel has none. */
export function panelDefinitionValidator(panelType: string, definition: 'Options' | 'FieldConfig'): ValidateFunction | undefined {
  const id = `${panelType}#${definition}`;
  const existing = ajv.getSchema(id);
  if (existing) return existing;
  const schema = loadSchema(panelType);
  const definitions = schema.definitions as Record<string, unknown>;
  if (!(definition in definitions)) return undefined;
  ajv.addSchema({ $id: id, definitions, $ref: `#/definitions/${definition}` });
  return ajv.getSchema(id);
}

export function errorsOf(validate: ValidateFunction): string {
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`).join('\n');
}
