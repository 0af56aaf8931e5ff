import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { DEFAULT_SETTINGS, buildRuleGroups, contactPoint, gdlensRoute, stackRootPolicy, toApiRuleGroup } from '../../src';

const SCHEMAS = resolve(__dirname, '../../../../shared/fixtures/grafana/schemas');

function compile(file: string, definition?: string): ValidateFunction {
  const schema = JSON.parse(readFileSync(resolve(SCHEMAS, file), 'utf8')) as Record<string, unknown>;
  // The SDK's schemas are draft-07 with a `date-time` format on read-only fields we never send.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema(schema, file);
  return definition === undefined ? ajv.compile(schema) : (ajv.getSchema(`${file}#/definitions/${definition}`) as ValidateFunction);
}

function expectValid(validate: ValidateFunction, value: unknown, what: string): void {
  const ok = validate(value);
  if (!ok) throw new Error(`${what} does not validate: ${JSON.stringify(validate.errors, null, 2)}`);
  expect(ok).toBe(true);
}

const groups = buildRuleGroups(DEFAULT_SETTINGS);

describe('rules against the Grafana schemas (after mapping from the file-provisioning form)', () => {
  const validateRule = compile('alerting.jsonschema.json', 'Rule');
  const validateGroup = compile('alerting.jsonschema.json', 'RuleGroup');
  const validateExpr = compile('expr.jsonschema.json');

  it('covers every rule', () => {
    expect(groups.flatMap((g) => g.rules.map((r) => r.uid)).sort()).toEqual([
      'gdlens-backdoor-ratio',
      'gdlens-critical-finding',
      'gdlens-export-tampered',
      'gdlens-guardduty-tampered',
      'gdlens-high-findings-above-baseline',
      'gdlens-no-findings',
      'gdlens-phishing-domain',
      'gdlens-resource-is-actor',
      'gdlens-worker-heartbeat-stale',
    ]);
  });

  for (const group of groups) {
    it(`group ${group.name} validates as a RuleGroup, each rule as a Rule`, () => {
      const apiGroup = toApiRuleGroup(group, DEFAULT_SETTINGS);
      expectValid(validateGroup, apiGroup, `group ${group.name}`);
      for (const rule of apiGroup.rules) expectValid(validateRule, rule, `rule ${rule.uid}`);
    });

    it(`group ${group.name}: every expression model validates against the expr schema`, () => {
      const expressions = group.rules.flatMap((rule) => rule.data.filter((q) => q.datasourceUid === '__expr__'));
      expect(expressions.length).toBeGreaterThan(0);
      for (const query of expressions) expectValid(validateExpr, query.model, `expression ${query.refId}`);
    });
  }

  it('rejects a rule missing its condition, so the validation can fail', () => {
    const [group] = groups;
    const rule = { ...toApiRuleGroup(group!, DEFAULT_SETTINGS).rules[0] } as Record<string, unknown>;
    delete rule['condition'];
    expect(validateRule(rule)).toBe(false);
  });

  it('rejects an expression with an unknown reducer', () => {
    expect(validateExpr({ type: 'reduce', expression: 'A', reducer: 'stddev' })).toBe(false);
  });
});

describe('notifications against the Grafana schemas', () => {
  it('the webhook contact point validates as a ContactPoint', () => {
    const validate = compile('alerting.jsonschema.json', 'ContactPoint');
    const [receiver] = contactPoint(DEFAULT_SETTINGS).receivers;
    expectValid(validate, { ...receiver, name: DEFAULT_SETTINGS.contactPointName }, 'contact point');
  });

  it('the nested route and the stack root validate as NotificationPolicy', () => {
    const validate = compile('alerting.jsonschema.json', 'NotificationPolicy');
    expectValid(validate, gdlensRoute(DEFAULT_SETTINGS), 'gdlens route');
    const { orgId: _orgId, ...root } = stackRootPolicy(DEFAULT_SETTINGS);
    expectValid(validate, root, 'root policy');
  });
});
