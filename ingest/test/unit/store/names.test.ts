import { ismPolicy, ROLLING_KINDS } from '../../../src/store/ism';
import { storeNames } from '../../../src/store/names';
import { parseAge } from '../../../src/store/prune';
import { firstIndexName, versionOfIndex } from '../../../src/store/setup';

describe('storeNames', () => {
  it('derives versioned indices behind stable aliases', () => {
    const names = storeNames('gdlens');
    expect(names.alias('findings')).toBe('gdlens-findings');
    expect(firstIndexName(names, 'findings', 1)).toBe('gdlens-findings-v1');
    expect(firstIndexName(names, 'cloudtrail', 2)).toBe('gdlens-cloudtrail-v2-000001');
    expect(versionOfIndex(names, 'cloudtrail', 'gdlens-cloudtrail-v2-000007')).toBe(2);
    expect(versionOfIndex(names, 'findings', 'other-findings-v1')).toBeUndefined();
  });

  it('refuses a prefix that cannot start an index name', () => {
    expect(() => storeNames('GDLens')).toThrow(/--prefix/);
    expect(() => storeNames('_x')).toThrow(/--prefix/);
  });
});

describe('parseAge', () => {
  it.each([
    ['90d', 90 * 86_400_000],
    ['12h', 12 * 3_600_000],
    ['2w', 14 * 86_400_000],
    ['30m', 1_800_000],
  ])('%s', (text, ms) => {
    expect(parseAge(text)).toBe(ms);
  });

  it.each(['90', '0d', '-1d', '1y', 'd'])('rejects %s', (text) => {
    expect(() => parseAge(text)).toThrow(/--older-than/);
  });
});

describe('ismPolicy', () => {
  it('has the shape the ISM API takes: states with actions and transitions, and an ism_template', () => {
    const body = ismPolicy(storeNames('gdlens'), 90) as {
      policy: { default_state: string; states: Array<{ name: string; actions: unknown[]; transitions: Array<{ state_name: string; conditions: Record<string, string> }> }>; ism_template: Array<{ index_patterns: string[]; priority: number }> };
    };
    const stateNames = body.policy.states.map((s) => s.name);
    expect(stateNames).toContain(body.policy.default_state);
    for (const state of body.policy.states) for (const t of state.transitions) expect(stateNames).toContain(t.state_name);
    expect(body.policy.states[0]?.transitions[0]?.conditions).toEqual({ min_rollover_age: '90d' });
    expect(body.policy.ism_template[0]?.index_patterns).toEqual(ROLLING_KINDS.map((k) => `gdlens-${k}-v*`));
  });
});
