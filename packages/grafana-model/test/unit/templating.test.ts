import { ALL_VALUE, interpolate, interpolateTarget, luceneEscape, type TemplateVariable } from '../../src';

// Formats: Grafana's template variable formats (docs: "Variable syntax → Advanced variable format
// options", grafana.com/docs/grafana/latest/dashboards/variables/variable-syntax/) and the
// luceneEscape helper of Grafana's template service.
describe('luceneEscape', () => {
  it.each([
    ['Recon:EC2/PortProbeUnprotectedPort', 'Recon\\:EC2\\/PortProbeUnprotectedPort'],
    ['UnauthorizedAccess:IAMUser/TorIPCaller', 'UnauthorizedAccess\\:IAMUser\\/TorIPCaller'],
    ['Trojan:EC2/DNSDataExfiltration!DNS', 'Trojan\\:EC2\\/DNSDataExfiltration\\!DNS'],
    ['a&b|c', 'a\\&b\\|c'],
    ['two words', 'two\\ words'],
    ['(x)[y]{z}^~?*+-="\\<>', '\\(x\\)\\[y\\]\\{z\\}\\^\\~\\?\\*\\+\\-\\=\\"\\\\\\<\\>'],
    ['42', '42'],
    ['-1.5', '-1.5'],
  ])('%s → %s', (input, expected) => {
    expect(luceneEscape(input)).toBe(expected);
  });
});

describe('interpolate', () => {
  const variables: TemplateVariable[] = [
    { name: 'type', current: 'Recon:EC2/PortProbeUnprotectedPort' },
    { name: 'multi', current: ['a b', 'c:d'] },
    { name: 'all', current: ALL_VALUE, options: ['x', 'y/z'] },
    { name: 'custom', current: ALL_VALUE, options: ['x'], allValue: '*' },
    { name: 'single', current: ['only'] },
  ];

  it('supports $var, ${var}, ${var:format} and [[var]]', () => {
    expect(interpolate('t:$type', variables, 'lucene')).toBe('t:Recon\\:EC2\\/PortProbeUnprotectedPort');
    expect(interpolate('t:${type}', variables, 'lucene')).toBe('t:Recon\\:EC2\\/PortProbeUnprotectedPort');
    expect(interpolate('t:${type:raw}', variables, 'lucene')).toBe('t:Recon:EC2/PortProbeUnprotectedPort');
    expect(interpolate('t:[[type]]', variables, 'lucene')).toBe('t:Recon\\:EC2\\/PortProbeUnprotectedPort');
    expect(interpolate('t:[[type:raw]]', variables)).toBe('t:Recon:EC2/PortProbeUnprotectedPort');
  });

  it('lucene multi-value quotes, escapes and ORs the values', () => {
    expect(interpolate('f:${multi:lucene}', variables)).toBe('f:("a\\ b" OR "c\\:d")');
    expect(interpolate('f:$single', variables, 'lucene')).toBe('f:("only")');
    expect(interpolate('f:${none:lucene}', [{ name: 'none', current: [] }])).toBe('f:__empty__');
  });

  it.each<[string, string]>([
    ['${multi:csv}', 'a b,c:d'],
    ['${multi:raw}', 'a b,c:d'],
    ['${multi:pipe}', 'a b|c:d'],
    ['${multi:regex}', '(a b|c:d)'],
    ['${type:regex}', 'Recon:EC2\\/PortProbeUnprotectedPort'],
    ['${multi:glob}', '{a b,c:d}'],
    ['${multi:json}', '["a b","c:d"]'],
    ['${multi:doublequote}', '"a b","c:d"'],
    ['${multi:singlequote}', "'a b','c:d'"],
    ['${multi:sqlstring}', "'a b','c:d'"],
    ['${multi:text}', 'a b + c:d'],
    ['${multi:queryparam}', 'var-multi=a%20b&var-multi=c%3Ad'],
    ['${type:percentencode}', 'Recon%3AEC2%2FPortProbeUnprotectedPort'],
    ['$multi', '{a b,c:d}'],
  ])('%s → %s', (text, expected) => {
    expect(interpolate(text, variables)).toBe(expected);
  });

  it('All expands to every option unless a custom all value is set, which is inserted verbatim', () => {
    expect(interpolate('f:$all', variables, 'lucene')).toBe('f:("x" OR "y\\/z")');
    expect(interpolate('f:$custom', variables, 'lucene')).toBe('f:*');
    expect(interpolate('${custom:text}', variables)).toBe('All');
  });

  it('built-ins: $__interval, $__interval_ms, $__range, $__from, $__to', () => {
    const builtins = { interval: '1m', intervalMs: 60000, range: { fromMs: 1000, toMs: 3601000 } };
    expect(interpolate('$__interval $__interval_ms $__range $__range_s $__range_ms $__from $__to', [], undefined, builtins)).toBe(
      '1m 60000 3600s 3600 3600000 1000 3601000',
    );
  });

  it('leaves unknown variables alone and rejects unknown formats', () => {
    expect(interpolate('a:$nope', variables, 'lucene')).toBe('a:$nope');
    expect(() => interpolate('${type:bogus}', variables)).toThrow(/unknown variable format/);
  });

  it('interpolateTarget: lucene for the query and filters, none for settings', () => {
    const target = interpolateTarget(
      {
        refId: 'A',
        query: 'finding.type:$type',
        metrics: [{ id: '1', type: 'count' }],
        bucketAggs: [
          { id: '2', type: 'terms', field: '$field', settings: { size: '$size' } },
          { id: '3', type: 'filters', settings: { filters: [{ query: 't:$type', label: 'x' }, { query: '', label: 'all' }] } },
        ],
      },
      [...variables, { name: 'field', current: 'region.keyword' }, { name: 'size', current: '5' }],
    );
    expect(target.query).toBe('finding.type:Recon\\:EC2\\/PortProbeUnprotectedPort');
    expect(target.bucketAggs?.[0]).toEqual({ id: '2', type: 'terms', field: 'region.keyword', settings: { size: '5' } });
    expect(target.bucketAggs?.[1]?.settings?.filters).toEqual([
      { query: 't:Recon\\:EC2\\/PortProbeUnprotectedPort', label: 'x' },
      { query: '*', label: 'all' },
    ]);
  });

  it('interpolateTarget: an empty query becomes *, and the alias is interpolated without format', () => {
    const target = interpolateTarget({ refId: 'A', alias: '$type count', metrics: [{ id: '1', type: 'count' }] }, variables);
    expect(target.query).toBe('*');
    expect(target.alias).toBe('Recon:EC2/PortProbeUnprotectedPort count');
  });
});
