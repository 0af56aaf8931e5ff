import { escapeHelp, escapeLabelValue, formatExposition, formatValue, MetricFormatError } from '../../../src/metrics/exposition';

describe('Prometheus text exposition', () => {
  it('writes HELP and TYPE before the samples, counters and gauges alike', () => {
    const text = formatExposition([
      { name: 'x_total', help: 'Things done.', type: 'counter', samples: [{ value: 3 }] },
      { name: 'y', help: 'A level.', type: 'gauge', samples: [{ labels: { a: '1', b: 'two' }, value: -2.5 }] },
    ]);
    expect(text).toBe('# HELP x_total Things done.\n# TYPE x_total counter\nx_total 3\n# HELP y A level.\n# TYPE y gauge\ny{a="1",b="two"} -2.5\n');
  });

  it('escapes backslash, double quote and newline in label values', () => {
    expect(escapeLabelValue('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
    const text = formatExposition([{ name: 'q', help: 'h', type: 'gauge', samples: [{ labels: { queue: 'https://sqs/"x"\\1' }, value: 1 }] }]);
    expect(text.split('\n')[2]).toBe('q{queue="https://sqs/\\"x\\"\\\\1"} 1');
  });

  it('escapes backslash and newline in HELP, leaves double quotes', () => {
    expect(escapeHelp('a\\b\n"c"')).toBe('a\\\\b\\n"c"');
  });

  it('spells the special values the way Prometheus parses them', () => {
    expect([NaN, Infinity, -Infinity, 0, 1.5e-7, 12345678901].map(formatValue)).toEqual(['NaN', '+Inf', '-Inf', '0', '1.5e-7', '12345678901']);
  });

  it('keeps a family with no samples as HELP and TYPE only', () => {
    expect(formatExposition([{ name: 'lag_seconds', help: 'h', type: 'gauge', samples: [] }])).toBe('# HELP lag_seconds h\n# TYPE lag_seconds gauge\n');
    expect(formatExposition([])).toBe('');
  });

  it.each([
    ['a metric name with a dash', { name: 'bad-name', help: 'h', type: 'gauge' as const, samples: [] }, /invalid metric name 'bad-name'/],
    ['a label name with a dot', { name: 'g', help: 'h', type: 'gauge' as const, samples: [{ labels: { 'a.b': 'x' }, value: 1 }] }, /invalid label name 'a\.b'/],
    ['a reserved label name', { name: 'g', help: 'h', type: 'gauge' as const, samples: [{ labels: { __name__: 'x' }, value: 1 }] }, /invalid label name '__name__'/],
    ['a counter without _total', { name: 'c', help: 'h', type: 'counter' as const, samples: [] }, /counter c must end in _total/],
    ['a negative counter', { name: 'c_total', help: 'h', type: 'counter' as const, samples: [{ value: -1 }] }, /never go down/],
  ])('refuses %s', (_label, family, message) => {
    expect(() => formatExposition([family])).toThrow(MetricFormatError);
    expect(() => formatExposition([family])).toThrow(message);
  });

  it('refuses the same family twice', () => {
    const family = { name: 'g', help: 'h', type: 'gauge' as const, samples: [] };
    expect(() => formatExposition([family, family])).toThrow(/given twice/);
  });
});
