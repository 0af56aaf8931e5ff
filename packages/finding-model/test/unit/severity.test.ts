import {
  BAND_ORDER,
  SEVERITY_BANDS,
  SEVERITY_MAX,
  SEVERITY_MIN,
  bandRank,
  classifySeverity,
  severityLabel,
  type SeverityLabel,
} from '../../src';

describe('classifySeverity at the band boundaries', () => {
  it.each<[number, SeverityLabel]>([
    [0, 'Low'],
    [0.5, 'Low'],
    [1.0, 'Low'],
    [3.9, 'Low'],
    [3.95, 'Low'],
    [3.999999, 'Low'],
    [4.0, 'Medium'],
    [6.9, 'Medium'],
    [6.95, 'Medium'],
    [7.0, 'High'],
    [8.9, 'High'],
    [8.95, 'High'],
    [9.0, 'Critical'],
    [9.99, 'Critical'],
    [10.0, 'Critical'],
  ])('%p is %s', (value, label) => {
    expect(classifySeverity(value)).toEqual({ kind: 'band', severity: value, label });
    expect(severityLabel(value)).toBe(label);
  });
});

describe('classifySeverity outside the bands', () => {
  it.each([-0.1, -5, 10.01, 11, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('%p is out of range', (value) => {
    expect(classifySeverity(value)).toEqual({ kind: 'out_of_range', severity: value });
    expect(severityLabel(value)).toBe('Unknown');
  });

  it.each([
    ['NaN', Number.NaN],
    ['null', null],
    ['undefined', undefined],
    ['empty string', ''],
    ['blank string', '   '],
    ['word', 'High'],
    ['hex string', '0x8'],
    ['number with unit', '8 points'],
    ['boolean', true],
    ['object', { severity: 8 }],
    ['array', [8]],
  ])('%s is unknown (the document is kept)', (_name, value) => {
    expect(classifySeverity(value)).toEqual({ kind: 'unknown' });
  });

  it('labels NaN Unknown', () => {
    expect(severityLabel(Number.NaN)).toBe('Unknown');
  });
});

describe('classifySeverity with numeric strings', () => {
  it.each<[string, number, SeverityLabel]>([
    ['7.5', 7.5, 'High'],
    ['8.0', 8, 'High'],
    [' 2 ', 2, 'Low'],
    ['9', 9, 'Critical'],
    ['.5', 0.5, 'Low'],
    ['4e0', 4, 'Medium'],
  ])('%p is %p, %s', (text, severity, label) => {
    expect(classifySeverity(text)).toEqual({ kind: 'band', severity, label });
  });

  it('reports an out-of-range numeric string with its value', () => {
    expect(classifySeverity('12.5')).toEqual({ kind: 'out_of_range', severity: 12.5 });
    expect(classifySeverity('-1')).toEqual({ kind: 'out_of_range', severity: -1 });
  });

  it('reads -0 as 0', () => {
    const result = classifySeverity(-0);
    expect(result).toEqual({ kind: 'band', severity: 0, label: 'Low' });
    expect(result.kind === 'band' && Object.is(result.severity, -0)).toBe(false);
  });
});

describe('SEVERITY_BANDS', () => {
  it('lists AWS bands highest first', () => {
    expect(SEVERITY_BANDS.map((band) => [band.label, band.min, band.max, band.maxInclusive])).toEqual([
      ['Critical', 9, 10, true],
      ['High', 7, 9, false],
      ['Medium', 4, 7, false],
      ['Low', 1, 4, false],
    ]);
  });

  it('leaves no gap between adjacent bands', () => {
    for (let i = 1; i < SEVERITY_BANDS.length; i += 1) {
      expect(SEVERITY_BANDS[i]?.max).toBe(SEVERITY_BANDS[i - 1]?.min);
    }
  });

  it('puts every value of [0, 10] on a 0.001 grid in exactly one band, agreeing with classifySeverity', () => {
    const disagreements: string[] = [];
    for (let milli = SEVERITY_MIN * 1000; milli <= SEVERITY_MAX * 1000; milli += 1) {
      const value = milli / 1000;
      const matches = SEVERITY_BANDS.filter((band) => value >= band.min && (band.maxInclusive ? value <= band.max : value < band.max));
      const result = classifySeverity(value);
      const label = result.kind === 'band' ? result.label : result.kind;
      // [0, 1) is legacy Low with no band of its own; everything else sits in exactly one band.
      const expected = value < 1 && matches.length === 0 ? 'Low' : matches.length === 1 ? matches[0]?.label : `${matches.length} bands`;
      if (label !== expected) disagreements.push(`${value}: ${label} vs ${expected}`);
    }
    expect(disagreements).toEqual([]);
  });

  it('is frozen so no consumer can shift a boundary', () => {
    expect(Object.isFrozen(SEVERITY_BANDS)).toBe(true);
    expect(SEVERITY_BANDS.every((band) => Object.isFrozen(band))).toBe(true);
  });
});

describe('BAND_ORDER and bandRank', () => {
  it('orders bands most severe first', () => {
    expect(BAND_ORDER).toEqual(['Critical', 'High', 'Medium', 'Low']);
  });

  it('ranks Critical 4 down to Unknown 0', () => {
    expect(['Critical', 'High', 'Medium', 'Low', 'Unknown'].map((label) => bandRank(label as SeverityLabel))).toEqual([4, 3, 2, 1, 0]);
  });

  it('sorts labels by rank in BAND_ORDER', () => {
    const shuffled: SeverityLabel[] = ['Low', 'Unknown', 'Critical', 'Medium', 'High'];
    expect([...shuffled].sort((a, b) => bandRank(b) - bandRank(a))).toEqual([...BAND_ORDER, 'Unknown']);
  });

  it('ranks an unexpected label 0 instead of throwing', () => {
    expect(bandRank('toString' as SeverityLabel)).toBe(0);
    expect(bandRank('critical' as SeverityLabel)).toBe(0);
  });
});
