import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { DEFAULT_SETTINGS, buildProvisioningFiles, parseRuleGroups, renderProvisioningYaml } from '../../src';

const PROVISIONING_DIR = resolve(__dirname, '../../../provisioning/alerting');

describe('provisioning/alerting/*.yaml', () => {
  const files = buildProvisioningFiles(DEFAULT_SETTINGS);

  for (const [name, file] of Object.entries(files)) {
    it(`${name} is what the typed source generates (UPDATE_GOLDEN=1 regenerates)`, () => {
      const path = resolve(PROVISIONING_DIR, name);
      const text = renderProvisioningYaml(file);
      if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(path, text);
      expect(readFileSync(path, 'utf8')).toBe(text);
    });
  }

  it('the rules file parses back to the same groups', () => {
    const path = resolve(PROVISIONING_DIR, 'gdlens-rules.yaml');
    expect(parseRuleGroups(readFileSync(path, 'utf8'), path)).toEqual(files['gdlens-rules.yaml']?.groups);
  });

  it('only the stack file sets a root policy, and no other file has policies', () => {
    const withPolicies = Object.entries(files)
      .filter(([, file]) => file.policies !== undefined)
      .map(([name]) => name);
    expect(withPolicies).toEqual(['stack-root-policy.yaml']);
    const contactFile = parse(readFileSync(resolve(PROVISIONING_DIR, 'gdlens-contact-points.yaml'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(contactFile).sort()).toEqual(['apiVersion', 'contactPoints']);
  });
});
