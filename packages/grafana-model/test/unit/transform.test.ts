import { applyTransformations, fieldDisplayName, TransformationError, type Field, type Frame } from '../../src';

// Expected results follow Grafana's transformers (packages/grafana-data/src/transformations/
// transformers/*.ts and their tests): what a panel shows after its `transformations`.

const series = (labels: Record<string, string>, values: Array<number | null>, extra: Partial<Field> = {}): Frame => ({
  meta: { type: 'timeseries-multi' },
  fields: [
    { name: 'Time', type: 'time', values: values.map((_, i) => 1_000 * i) },
    { name: 'Value', type: 'number', labels, values, ...extra },
  ],
});

const column = (frame: Frame | undefined, name: string): unknown[] | undefined => frame?.fields.find((f) => fieldDisplayName(f, frame) === name)?.values;
const names = (frame: Frame | undefined): string[] => (frame?.fields ?? []).map((f) => fieldDisplayName(f, frame));

describe('fieldDisplayName (getFieldDisplayName)', () => {
  it('prefers the configured display name, then the data source one, then name and labels', () => {
    const frame: Frame = { fields: [] };
    expect(fieldDisplayName({ name: 'x', type: 'number', config: { displayName: 'Shown', displayNameFromDS: 'DS' }, values: [] }, frame)).toBe('Shown');
    expect(fieldDisplayName({ name: 'x', type: 'number', config: { displayNameFromDS: 'DS' }, values: [] }, frame)).toBe('DS');
    expect(fieldDisplayName({ name: 'Value', type: 'number', labels: { a: '1', b: '2' }, values: [] }, frame)).toBe('{a="1", b="2"}');
    expect(fieldDisplayName({ name: 'Total', type: 'number', labels: { a: '1', b: '2' }, values: [] }, frame)).toBe('Total {a="1", b="2"}');
  });

  it('shows only the label value when every frame uses one label key, and the frame name for an unlabelled Value', () => {
    const a = series({ region: 'eu' }, [1]);
    const b = series({ region: 'us' }, [2]);
    expect(fieldDisplayName(a.fields[1] as Field, a, [a, b])).toBe('eu');
    const named: Frame = { name: 'A-series', fields: [{ name: 'Value', type: 'number', values: [1] }] };
    expect(fieldDisplayName(named.fields[0] as Field, named)).toBe('A-series');
    expect(fieldDisplayName({ name: 'ts', type: 'time', values: [] })).toBe('ts');
  });
});

describe('filterFieldsByName', () => {
  const table: Frame = { fields: ['a', 'b', 'c'].map((name) => ({ name, type: 'number', values: [1] })) };

  it('keeps the named fields in their order and drops frames left empty', () => {
    const out = applyTransformations([table, { fields: [{ name: 'z', type: 'number', values: [1] }] }], [{ id: 'filterFieldsByName', options: { include: { names: ['c', 'a'] } } }]);
    expect(out.map(names)).toEqual([['a', 'c']]);
  });

  it('matches a pattern against the whole name, or /regex/ as written, and excludes', () => {
    expect(names(applyTransformations([table], [{ id: 'filterFieldsByName', options: { include: { pattern: '[ab]' } } }])[0])).toEqual(['a', 'b']);
    expect(names(applyTransformations([table], [{ id: 'filterFieldsByName', options: { include: { pattern: '/^b|c/' } } }])[0])).toEqual(['b', 'c']);
    expect(names(applyTransformations([table], [{ id: 'filterFieldsByName', options: { exclude: { names: ['b'] } } }])[0])).toEqual(['a', 'c']);
  });
});

describe('organize', () => {
  const table: Frame = { fields: ['a', 'b', 'c', 'd'].map((name, i) => ({ name, type: 'number', values: [i] })) };

  it('excludes, orders (unlisted fields last, in order) and renames through the display name', () => {
    const [out] = applyTransformations([table], [{ id: 'organize', options: { excludeByName: { b: true, c: false }, indexByName: { d: 0, a: 1 }, renameByName: { d: 'Dee' } } }]);
    expect(names(out)).toEqual(['Dee', 'a', 'c']);
    // The rename is a display name: the field keeps its name.
    expect(out?.fields[0]?.name).toBe('d');
    expect(column(out, 'Dee')).toEqual([3]);
  });

  it('leaves the input frames untouched', () => {
    const before = JSON.stringify(table);
    applyTransformations([table], [{ id: 'organize', options: { renameByName: { a: 'A' }, indexByName: { c: 0 } } }]);
    expect(JSON.stringify(table)).toBe(before);
  });
});

describe('reduce', () => {
  it('seriesToRows with labelsToFields: one row per series, a column per label key, sum titled Total', () => {
    const frames = [series({ purpose: 'Backdoor', type: 'B1' }, [1, null, 2]), series({ purpose: 'Recon', type: 'R1' }, [0, 5, 0]), series({ purpose: 'Recon' }, [7])];
    const out = applyTransformations(frames, [{ id: 'reduce', options: { reducers: ['sum'], mode: 'seriesToRows', includeTimeField: false, labelsToFields: true } }]);
    expect(out).toHaveLength(1);
    const [table] = out;
    expect(names(table)).toEqual(['Field', 'purpose', 'type', 'Total']);
    expect(column(table, 'Field')).toEqual(['Value', 'Value', 'Value']);
    expect(column(table, 'purpose')).toEqual(['Backdoor', 'Recon', 'Recon']);
    expect(column(table, 'type')).toEqual(['B1', 'R1', null]);
    expect(column(table, 'Total')).toEqual([3, 5, 7]);
    expect(table?.fields.find((f) => f.name === 'Total')?.type).toBe('number');
  });

  it('seriesToRows without labelsToFields names each row by its display name; several reducers give several columns', () => {
    const frames = [series({ band: 'High' }, [4, null, 1]), series({ band: 'Low' }, [null, 2, null])];
    const [table] = applyTransformations(frames, [{ id: 'reduce', options: { reducers: ['max', 'lastNotNull', 'last', 'mean'] } }]);
    expect(column(table, 'Field')).toEqual(['High', 'Low']);
    expect(column(table, 'Max')).toEqual([4, 2]);
    expect(column(table, 'Last *')).toEqual([1, 2]);
    // Low's last value is null, so its Last column is untyped and, as in Grafana's mergeResults,
    // not appended to High's number column: the column stays one row short.
    expect(column(table, 'Last')).toEqual([1]);
    expect(column(table, 'Mean')).toEqual([2.5, 2]);
  });

  it('reduceFields keeps each frame and field, one row each', () => {
    const frame: Frame = { name: 'A', fields: [{ name: 'Time', type: 'time', values: [1, 2] }, { name: 'n', type: 'number', values: [3, 4] }] };
    const out = applyTransformations([frame], [{ id: 'reduce', options: { reducers: ['sum'], mode: 'reduceFields' } }]);
    expect(out).toEqual([{ name: 'A', fields: [{ name: 'n', type: 'number', values: [7] }] }]);
  });

  it('passes frames through with no reducer, and gives no frame for no data', () => {
    const frames = [series({ a: '1' }, [1])];
    expect(applyTransformations(frames, [{ id: 'reduce', options: { reducers: [] } }])).toEqual(frames);
    expect(applyTransformations([], [{ id: 'reduce', options: { reducers: ['sum'] } }])).toEqual([]);
  });
});

describe('merge', () => {
  it('unites tables on the columns every frame has, joining rows that agree', () => {
    const a: Frame = { refId: 'A', fields: [{ name: 'source', type: 'string', values: ['guardduty'] }, { name: 'Max ingested_at', type: 'number', values: [10] }] };
    const b: Frame = { refId: 'B', fields: [{ name: 'source', type: 'string', values: ['cloudtrail', 'guardduty'] }, { name: 'Max ingested_at', type: 'number', values: [20, 10] }] };
    const [out, extra] = applyTransformations([a, b], [{ id: 'merge', options: {} }]);
    expect(extra).toBeUndefined();
    expect(column(out, 'source')).toEqual(['guardduty', 'cloudtrail']);
    expect(column(out, 'Max ingested_at')).toEqual([10, 20]);
  });

  it('fills a column a frame lacks with null and keeps disagreeing rows apart', () => {
    const a: Frame = { fields: [{ name: 'Time', type: 'time', values: [1000, 2000] }, { name: 'Temp', type: 'number', values: [1, 2] }] };
    const b: Frame = { fields: [{ name: 'Time', type: 'time', values: [1000, 3000] }, { name: 'Humidity', type: 'number', values: [10, 30] }] };
    const [out] = applyTransformations([a, b], [{ id: 'merge', options: {} }]);
    expect(column(out, 'Time')).toEqual([1000, 2000, 3000]);
    expect(column(out, 'Temp')).toEqual([1, 2, null]);
    expect(column(out, 'Humidity')).toEqual([10, null, 30]);
  });

  it('passes frames through when no column is shared by all', () => {
    const frames: Frame[] = [{ fields: [{ name: 'a', type: 'number', values: [1] }] }, { fields: [{ name: 'b', type: 'number', values: [2] }] }];
    expect(applyTransformations(frames, [{ id: 'merge', options: {} }])).toEqual(frames);
  });
});

describe('calculateField', () => {
  const table: Frame = { fields: [{ name: 'Max ingested_at', type: 'number', values: [5000, 900] }, { name: 'Max @timestamp', type: 'number', values: [2000, null] }] };

  it('binary between two fields by name (older string operands), alias, replaceFields', () => {
    const [out] = applyTransformations([table], [{ id: 'calculateField', options: { mode: 'binary', binary: { left: 'Max ingested_at', operator: '-', right: 'Max @timestamp' }, alias: 'Ingest lag', replaceFields: true } }]);
    expect(out?.fields).toEqual([{ name: 'Ingest lag', type: 'number', config: {}, values: [3000, 900] }]);
  });

  it('binary with a fixed operand and matcher form, named after its operands, appended', () => {
    const [out] = applyTransformations([table], [{ id: 'calculateField', options: { mode: 'binary', binary: { left: { matcher: { id: 'byName', options: 'Max ingested_at' } }, operator: '/', right: { fixed: '1000' } } } }]);
    expect(names(out)).toEqual(['Max ingested_at', 'Max @timestamp', 'Max ingested_at / 1000']);
    expect(column(out, 'Max ingested_at / 1000')).toEqual([5, 0.9]);
  });

  it('reduceRow sums numeric fields per row (nulls skipped), keeping the time field with replaceFields', () => {
    const frame: Frame = { fields: [{ name: 'Time', type: 'time', values: [1, 2] }, { name: 'a', type: 'number', values: [1, 2] }, { name: 'b', type: 'number', values: [10, null] }] };
    const [out] = applyTransformations([frame], [{ id: 'calculateField', options: { mode: 'reduceRow', reduce: { reducer: 'sum' }, replaceFields: true } }]);
    expect(names(out)).toEqual(['Time', 'Total']);
    expect(column(out, 'Total')).toEqual([11, 2]);
  });

  it('drops a frame lacking an operand under replaceFields', () => {
    expect(applyTransformations([table], [{ id: 'calculateField', options: { mode: 'binary', binary: { left: 'nope', operator: '+', right: 'Max @timestamp' }, replaceFields: true } }])).toEqual([]);
  });
});

describe('groupingToMatrix', () => {
  const long: Frame = {
    fields: [
      { name: 'resource', type: 'string', values: ['EC2', 'EC2', 'IAMUser', 'S3'] },
      { name: 'band', type: 'string', values: ['High', 'Critical', 'Medium', 'High'] },
      { name: 'Total', type: 'number', config: { displayName: 'Findings', unit: 'short' }, values: [2, 1, 1, 4] },
    ],
  };

  it('rows by the row field, columns by the column field in first-seen order, zero for empty cells', () => {
    const [out] = applyTransformations([long], [{ id: 'groupingToMatrix', options: { rowField: 'resource', columnField: 'band', valueField: 'Findings', emptyValue: 'zero' } }]);
    expect(out?.fields.map((f) => f.name)).toEqual(['resource\\band', 'High', 'Critical', 'Medium']);
    expect(column(out, 'resource\\band')).toEqual(['EC2', 'IAMUser', 'S3']);
    expect(column(out, 'High')).toEqual([2, 0, 4]);
    expect(column(out, 'Critical')).toEqual([1, 0, 0]);
    expect(column(out, 'Medium')).toEqual([0, 1, 0]);
    // Columns keep the value field's config but not its display name.
    expect(out?.fields[1]?.config).toEqual({ unit: 'short' });
  });

  it('empty cells default to an empty string; several frames or a missing field pass through', () => {
    const [out] = applyTransformations([long], [{ id: 'groupingToMatrix', options: { rowField: 'resource', columnField: 'band', valueField: 'Findings' } }]);
    expect(column(out, 'Critical')).toEqual([1, '', '']);
    expect(applyTransformations([long, long], [{ id: 'groupingToMatrix', options: { rowField: 'resource', columnField: 'band', valueField: 'Findings' } }])).toEqual([long, long]);
    expect(applyTransformations([long], [{ id: 'groupingToMatrix', options: { rowField: 'nope', columnField: 'band', valueField: 'Findings' } }])).toEqual([long]);
  });
});

describe('applyTransformations', () => {
  it('chains in order: reduce, organize renames, groupingToMatrix finds the renamed fields', () => {
    const frames = [series({ 'resource.raw': 'EC2', 'severity.raw': 'High' }, [1, 1]), series({ 'resource.raw': 'EC2', 'severity.raw': 'Low' }, [3]), series({ 'resource.raw': 'S3', 'severity.raw': 'High' }, [0, 4])];
    const [out] = applyTransformations(frames, [
      { id: 'reduce', options: { reducers: ['sum'], mode: 'seriesToRows', labelsToFields: true } },
      { id: 'organize', options: { excludeByName: { Field: true }, renameByName: { 'resource.raw': 'Resource', 'severity.raw': 'Severity', Total: 'Findings' } } },
      { id: 'groupingToMatrix', options: { rowField: 'Resource', columnField: 'Severity', valueField: 'Findings', emptyValue: 'zero' } },
    ]);
    expect(out?.fields.map((f) => [f.name, f.values])).toEqual([
      ['Resource\\Severity', ['EC2', 'S3']],
      ['High', [2, 4]],
      ['Low', [3, 0]],
    ]);
  });

  it('skips disabled transformations', () => {
    const frames = [series({ a: '1' }, [1])];
    expect(applyTransformations(frames, [{ id: 'reduce', disabled: true, options: { reducers: ['sum'] } }])).toEqual(frames);
  });

  it('fails on an unsupported id, naming its position and id', () => {
    const run = () => applyTransformations([], [{ id: 'merge', options: {} }, { id: 'joinByRegex', options: {} }]);
    expect(run).toThrow(TransformationError);
    expect(run).toThrow(/transformation "joinByRegex": #2 is not supported \(supported: .*organize/);
  });

  it('fails on options Grafana could not use, naming the option', () => {
    expect(() => applyTransformations([], [{ id: 'reduce', options: { reducers: 'sum' } }])).toThrow(/transformation "reduce": #1: option reducers must be a list of strings/);
    expect(() => applyTransformations([], [{ id: 'reduce', options: { reducers: ['p99'] } }])).toThrow(/reducer "p99" is not supported/);
  });
});
