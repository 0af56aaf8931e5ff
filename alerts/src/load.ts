import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ProvisioningFileError } from './errors';
import type { ProvisionedRuleGroup } from './types';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads the `groups` of one alerting provisioning file's text; other resources are ignored. */
export function parseRuleGroups(text: string, file: string): ProvisionedRuleGroup[] {
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    throw new ProvisioningFileError(`not valid YAML: ${error instanceof Error ? error.message : String(error)}`, file);
  }
  if (document === null || document === undefined) return [];
  if (!isRecord(document)) throw new ProvisioningFileError('the top level must be a mapping', file);
  const groups = document['groups'];
  if (groups === undefined) return [];
  if (!Array.isArray(groups)) throw new ProvisioningFileError('groups must be a list', file);
  return groups.map((group: unknown, index) => {
    if (!isRecord(group) || typeof group['name'] !== 'string' || typeof group['interval'] !== 'string' || !Array.isArray(group['rules'])) {
      throw new ProvisioningFileError(`groups[${index}] needs name, interval and rules`, file);
    }
    for (const [ruleIndex, rule] of (group['rules'] as unknown[]).entries()) {
      if (!isRecord(rule) || typeof rule['uid'] !== 'string' || typeof rule['condition'] !== 'string' || !Array.isArray(rule['data'])) {
        throw new ProvisioningFileError(`groups[${index}].rules[${ruleIndex}] needs uid, condition and data`, file);
      }
    }
    return group as unknown as ProvisionedRuleGroup;
  });
}

/** Every rule group in the `.yaml`/`.yml` files of a directory, in file-name order. */
export function loadRuleGroups(directory: string): ProvisionedRuleGroup[] {
  const files = readdirSync(directory)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort();
  return files.flatMap((name) => {
    const path = join(directory, name);
    return parseRuleGroups(readFileSync(path, 'utf8'), path);
  });
}

/** Parses any YAML document (for callers that read other provisioning files, such as data sources). */
export function parseYamlDocument(text: string, file: string): unknown {
  try {
    return parse(text);
  } catch (error) {
    throw new ProvisioningFileError(`not valid YAML: ${error instanceof Error ? error.message : String(error)}`, file);
  }
}
