import {
  binaryOp,
  math,
  noData,
  number,
  parseMath,
  reduce,
  reduceValues,
  resample,
  scalar,
  series,
  threshold,
  ExpressionError,
  type ExprResults,
  type Reducer,
  type ThresholdType,
} from '../../src';

// Expected values come from grafana/grafana pkg/expr/mathexp/reduce.go (reducers and the
// DropNonNumber / ReplaceNonNumberWithValue mappers) unless a line says otherwise.
describe('reduce', () => {
  const values = [3, 1, 4, 1, 5];
  it.each<[Reducer, number]>([
    ['sum', 14],
    ['mean', 2.8],
    ['min', 1],
    ['max', 5],
    ['count', 5],
    ['last', 5],
    ['median', 3],
  ])('%s of 3,1,4,1,5 (strict) is %d', (reducer, expected) => {
    expect(reduceValues(values, reducer)).toBeCloseTo(expected, 12);
  });

  it('median of an even count averages the middle two (reduce.go Median)', () => {
    expect(reduceValues([4, 1, 3, 2], 'median')).toBe(2.5);
  });

  // Strict mode: Sum/Min/Max/Median return NaN on any null or NaN; Avg divides that NaN.
  it.each<[Reducer, Array<number | null>, number | null]>([
    ['sum', [1, null, 2], Number.NaN],
    ['mean', [1, Number.NaN, 2], Number.NaN],
    ['min', [null, 1], Number.NaN],
    ['max', [1, Number.NaN], Number.NaN],
    ['median', [1, null], Number.NaN],
    // Count counts every point, null or not.
    ['count', [1, null, Number.NaN], 3],
    // Last returns the last point as it is, null included.
    ['last', [1, 2, null], null],
    ['last', [1, Number.NaN], Number.NaN],
  ])('strict %s of %j is %s', (reducer, input, expected) => {
    const result = reduceValues(input, reducer);
    if (expected === null) expect(result).toBeNull();
    else if (Number.isNaN(expected)) expect(result).toBeNaN();
    else expect(result).toBe(expected);
  });

  it('count of 1,null,NaN is 3 even in strict mode', () => {
    expect(reduceValues([1, null, Number.NaN], 'count')).toBe(3);
  });

  // Empty series: Sum's loop never runs (0), Avg is 0/0, Min/Max/Last/Median return NaN, Count 0.
  it.each<[Reducer, number]>([
    ['sum', 0],
    ['count', 0],
  ])('empty series: %s is %d', (reducer, expected) => {
    expect(reduceValues([], reducer)).toBe(expected);
  });
  it.each<Reducer>(['mean', 'min', 'max', 'last', 'median'])('empty series: %s is NaN', (reducer) => {
    expect(reduceValues([], reducer)).toBeNaN();
  });

  // dropNN drops null, NaN and ±Inf before reducing, and maps a NaN result to null.
  it.each<[Reducer, number | null]>([
    ['sum', 3],
    ['mean', 1.5],
    ['min', 1],
    ['max', 2],
    ['count', 2],
    ['last', 2],
    ['median', 1.5],
  ])('dropNN %s of 1,null,NaN,Inf,2 is %s', (reducer, expected) => {
    expect(reduceValues([1, null, Number.NaN, Infinity, 2], reducer, { mode: 'dropNN' })).toBe(expected);
  });
  it('dropNN mean of nothing but nulls is null (NaN output mapped to nil)', () => {
    expect(reduceValues([null, Number.NaN], 'mean', { mode: 'dropNN' })).toBeNull();
  });

  // replaceNN replaces null, NaN and ±Inf with the value, and maps a NaN result to it.
  it.each<[Reducer, number]>([
    ['sum', 3 + 2 * 10],
    ['mean', 23 / 4],
    ['min', 1],
    ['max', 10],
    ['count', 4],
    ['last', 10],
    ['median', 6],
  ])('replaceNN(10) %s of 1,null,2,-Inf is %d', (reducer, expected) => {
    expect(reduceValues([1, null, 2, -Infinity], reducer, { mode: 'replaceNN', replaceWithValue: 10 })).toBeCloseTo(expected, 12);
  });
  it('replaceNN on an empty series maps the NaN mean to the value', () => {
    expect(reduceValues([], 'mean', { mode: 'replaceNN', replaceWithValue: 0 })).toBe(0);
  });

  it('keeps labels, passes numbers through and NoData as NoData (commands.go ReduceCommand)', () => {
    const input: ExprResults = [series({ host: 'a' }, [[1, 1], [2, 2]]), number({ host: 'b' }, 7), noData()];
    expect(reduce(input, 'sum')).toEqual([number({ host: 'a' }, 3), number({ host: 'b' }, 7), noData()]);
  });

  it('rejects an unknown reducer', () => {
    expect(() => reduceValues([1], 'stddev' as Reducer)).toThrow(ExpressionError);
  });
});

// Operators: pkg/expr/mathexp/exp.go binaryOp / unaryOp; grammar: parse/parse.go.
describe('math operators', () => {
  it.each<[string, number, number, number]>([
    ['+', 7, 2, 9],
    ['-', 7, 2, 5],
    ['*', 7, 2, 14],
    ['/', 7, 2, 3.5],
    ['%', 7, 2, 1],
    ['%', -7, 2, -1],
    ['**', 2, 10, 1024],
    ['==', 2, 2, 1],
    ['==', 2, 3, 0],
    ['!=', 2, 3, 1],
    ['>', 3, 2, 1],
    ['>', 2, 2, 0],
    ['>=', 2, 2, 1],
    ['<', 1, 2, 1],
    ['<=', 3, 2, 0],
    ['&&', 1, 2, 1],
    ['&&', 1, 0, 0],
    ['||', 0, 0, 0],
    ['||', 0, 5, 1],
  ])('%s: %d op %d = %d', (op, a, b, expected) => {
    expect(binaryOp(op, a, b)).toBe(expected);
    expect(math(`${a} ${op} ${b}`.replace('-7', '(-7)'), {})).toEqual([scalar(expected)]);
  });

  it('NaN wins except where || and && short-circuit first', () => {
    expect(binaryOp('+', Number.NaN, 1)).toBeNaN();
    expect(binaryOp('>', Number.NaN, 1)).toBeNaN();
    expect(binaryOp('==', Number.NaN, Number.NaN)).toBeNaN();
    expect(binaryOp('||', 1, Number.NaN)).toBe(1);
    expect(binaryOp('&&', 0, Number.NaN)).toBe(0);
    expect(binaryOp('&&', Number.NaN, 0)).toBeNaN();
  });

  it('division by zero gives ±Inf or NaN, as Go float division', () => {
    expect(math('1 / 0', {})).toEqual([scalar(Infinity)]);
    expect(math('0 / 0', {})[0]).toEqual(expect.objectContaining({ kind: 'scalar', value: Number.NaN }));
    expect(binaryOp('%', 1, 0)).toBeNaN();
  });

  it('precedence: ** binds tighter than *, * than +, + than comparisons, comparisons than && and ||', () => {
    expect(math('2 + 3 * 2 ** 2', {})).toEqual([scalar(14)]);
    expect(math('1 + 1 > 1 && 0 || 1', {})).toEqual([scalar(1)]);
    expect(math('2 ** 3 ** 2', {})).toEqual([scalar(64)]); // left-associative
    expect(math('-2 ** 2', {})).toEqual([scalar(4)]); // unary minus applies to the operand
    expect(math('!0 + 1', {})).toEqual([scalar(2)]);
    expect(math('!(2 > 1)', {})).toEqual([scalar(0)]);
  });

  it('unary operators keep null and NaN', () => {
    expect(math('-null()', {})).toEqual([scalar(null)]);
    expect(math('!nan()', {})[0]).toEqual(expect.objectContaining({ value: Number.NaN }));
  });

  it('parses $A and ${A} and reports the variables read', () => {
    expect(parseMath('$A / (${B} + ($B == 0))').variables).toEqual(['A', 'B']);
    expect(() => parseMath('$A +')).toThrow(ExpressionError);
    expect(() => parseMath('max($A, $B)')).toThrow(/non existent function max/);
    expect(() => parseMath('sqrt($A)')).toThrow(/non existent function sqrt/);
  });
});

// Functions: pkg/expr/mathexp/funcs.go (perFloat turns a null input into NaN; is_null and
// is_number see nulls).
describe('math functions', () => {
  const vars = { A: [number({ k: 'x' }, -2.5), number({ k: 'y' }, null), number({ k: 'z' }, Number.NaN), number({ k: 'w' }, Infinity)] };
  const valuesOf = (results: ExprResults) => results.map((r) => (r.kind === 'number' ? r.value : undefined));
  it.each<[string, Array<number | null>]>([
    ['abs($A)', [2.5, Number.NaN, Number.NaN, Infinity]],
    ['round($A)', [-3, Number.NaN, Number.NaN, Infinity]], // Go math.Round: half away from zero
    ['ceil($A)', [-2, Number.NaN, Number.NaN, Infinity]],
    ['floor($A)', [-3, Number.NaN, Number.NaN, Infinity]],
    ['is_nan($A)', [0, Number.NaN, 1, 0]],
    ['is_inf($A)', [0, Number.NaN, 0, 1]],
    ['is_null($A)', [0, 1, 0, 0]],
    ['is_number($A)', [1, 0, 0, 0]],
  ])('%s', (expression, expected) => {
    expect(valuesOf(math(expression, vars))).toEqual(expected);
  });
  it('log is the natural logarithm', () => {
    expect(math('log(1)', {})).toEqual([scalar(0)]);
    expect((math('log(2.718281828459045)', {})[0] as { value: number }).value).toBeCloseTo(1, 15);
  });
  it('round(2.5) is 3 and round(-0.5) is -1 (half away from zero)', () => {
    expect(math('round(2.5)', {})).toEqual([scalar(3)]);
    expect(math('round(-0.5)', {})).toEqual([scalar(-1)]);
  });
  it('constants nan(), inf(), infn(), null()', () => {
    expect(math('nan()', {})[0]).toEqual(expect.objectContaining({ value: Number.NaN }));
    expect(math('inf()', {})).toEqual([scalar(Infinity)]);
    expect(math('infn()', {})).toEqual([scalar(-Infinity)]);
    expect(math('null()', {})).toEqual([scalar(null)]);
    expect(math('null() + 1', {})).toEqual([scalar(null)]);
  });
});

// Label joins: exp.go union and biSeriesNumber/biScalarNumber/biSeriesSeries.
describe('math label joins', () => {
  it('series × number: every point, labels of the side that has them', () => {
    const vars = { A: [series({ host: 'a' }, [[1, 1], [2, null]])], B: [scalar(10)] };
    expect(math('$A * $B', vars)).toEqual([series({ host: 'a' }, [[1, 10], [2, null]])]);
  });

  it('number × number by equal labels; unmatched values are dropped', () => {
    const vars = {
      A: [number({ host: 'a' }, 1), number({ host: 'b' }, 2), number({ host: 'c' }, 3)],
      B: [number({ host: 'a' }, 10), number({ host: 'b' }, 20), number({ host: 'd' }, 40)],
    };
    expect(math('$A + $B', vars)).toEqual([number({ host: 'a' }, 11), number({ host: 'b' }, 22)]);
  });

  it('a label set that contains the other joins, keeping the larger set', () => {
    const vars = {
      A: [number({ host: 'a', dc: 'x' }, 1), number({ host: 'b', dc: 'x' }, 2)],
      B: [number({ dc: 'x' }, 10)],
    };
    expect(math('$A / $B', vars)).toEqual([number({ host: 'a', dc: 'x' }, 0.1), number({ host: 'b', dc: 'x' }, 0.2)]);
  });

  it('a value without labels joins with every value', () => {
    const vars = { A: [number({ host: 'a' }, 1), number({ host: 'b' }, 2)], B: [number({}, 5)] };
    expect(math('$A - $B', vars)).toEqual([number({ host: 'a' }, -4), number({ host: 'b' }, -3)]);
  });

  it('one value on each side with different labels is combined without labels', () => {
    const vars = { A: [number({ host: 'a' }, 1)], B: [number({ dc: 'x' }, 2)] };
    expect(math('$A + $B', vars)).toEqual([number({}, 3)]);
  });

  it('series × series joins on equal timestamps only', () => {
    const vars = { A: [series({ h: 'a' }, [[1, 1], [2, 2], [3, 3]])], B: [series({ h: 'a' }, [[2, 10], [3, null], [4, 40]])] };
    expect(math('$A + $B', vars)).toEqual([series({ h: 'a' }, [[2, 12], [3, null]])]);
  });

  it('NoData on a single-valued side makes the result NoData', () => {
    expect(math('$A + $B', { A: [number({ h: 'a' }, 1)], B: [noData()] })).toEqual([noData()]);
    expect(math('$A * 2', { A: [noData()] })).toEqual([noData()]);
  });

  it('number with a null value stays null', () => {
    expect(math('$A > 0', { A: [number({ h: 'a' }, null)] })).toEqual([number({ h: 'a' }, null)]);
  });

  it('the ratio guard of the research notes avoids dividing by zero', () => {
    expect(math('$C / ($D + ($D == 0))', { C: [number({}, 0)], D: [number({}, 0)] })).toEqual([number({}, 0)]);
  });
});

// Threshold: pkg/expr/threshold.go predicates; a null stays null; NaN compares false (true for ne).
describe('threshold', () => {
  it.each<[ThresholdType, number[], number, number]>([
    ['gt', [5], 6, 1],
    ['gt', [5], 5, 0],
    ['lt', [5], 4, 1],
    ['lt', [5], 5, 0],
    ['eq', [5], 5, 1],
    ['eq', [5], 4, 0],
    ['ne', [5], 4, 1],
    ['ne', [5], 5, 0],
    ['gte', [5], 5, 1],
    ['gte', [5], 4, 0],
    ['lte', [5], 5, 1],
    ['lte', [5], 6, 0],
    ['within_range', [1, 5], 3, 1],
    ['within_range', [1, 5], 5, 0],
    ['outside_range', [1, 5], 6, 1],
    ['outside_range', [1, 5], 5, 0],
    ['within_range_included', [1, 5], 5, 1],
    ['within_range_included', [1, 5], 6, 0],
    ['outside_range_included', [1, 5], 5, 1],
    ['outside_range_included', [1, 5], 3, 0],
  ])('%s %j of %d is %d', (type, params, value, expected) => {
    expect(threshold([number({ h: 'a' }, value)], { type, params })).toEqual([number({ h: 'a' }, expected)]);
  });

  it('NaN is 0 for every type except ne, where it is 1', () => {
    expect(threshold([scalar(Number.NaN)], { type: 'gt', params: [0] })).toEqual([scalar(0)]);
    expect(threshold([scalar(Number.NaN)], { type: 'lt', params: [0] })).toEqual([scalar(0)]);
    expect(threshold([scalar(Number.NaN)], { type: 'ne', params: [0] })).toEqual([scalar(1)]);
  });

  it('null stays null and NoData stays NoData', () => {
    expect(threshold([number({}, null), noData()], { type: 'gt', params: [0] })).toEqual([number({}, null), noData()]);
  });

  it('a series is thresholded point by point', () => {
    expect(threshold([series({}, [[1, 1], [2, 9]])], { type: 'gt', params: [5] })).toEqual([series({}, [[1, 0], [2, 1]])]);
  });

  it('range types need two parameters', () => {
    expect(() => threshold([scalar(1)], { type: 'within_range', params: [1] })).toThrow(ExpressionError);
  });

  it('hysteresis: a loaded dimension stays firing until the unload evaluator holds (hysteresis.go)', () => {
    const input = [number({ h: 'loaded' }, 7), number({ h: 'new' }, 7), number({ h: 'loaded2' }, 3)];
    const result = threshold(input, { type: 'gt', params: [10] }, {
      unloadEvaluator: { type: 'lt', params: [5] },
      loaded: [{ h: 'loaded' }, { h: 'loaded2' }],
    });
    // loaded 7: unload (7 < 5) false → inverted → 1; new 7: 7 > 10 → 0; loaded2 3: unload true → 0.
    expect(result).toEqual([number({ h: 'loaded' }, 1), number({ h: 'new' }, 0), number({ h: 'loaded2' }, 0)]);
  });
});

// Resample: pkg/expr/mathexp/resample.go.
describe('resample', () => {
  const input = [series({ h: 'a' }, [[1000, 1], [1500, 2], [3500, 5]])];
  it('downsamples the points up to each window end, and fills empty windows', () => {
    expect(resample(input, 1000, 'sum', 'fillna', 1000, 4000)).toEqual([series({ h: 'a' }, [[1000, 1], [2000, 2], [3000, null], [4000, 5]])]);
    expect(resample(input, 1000, 'max', 'pad', 1000, 4000)).toEqual([series({ h: 'a' }, [[1000, 1], [2000, 2], [3000, 2], [4000, 5]])]);
    expect(resample(input, 1000, 'last', 'backfilling', 1000, 4000)).toEqual([series({ h: 'a' }, [[1000, 1], [2000, 2], [3000, 5], [4000, 5]])]);
  });
  it('refuses a range shorter than the window', () => {
    expect(() => resample(input, 5000, 'mean', 'pad', 0, 1000)).toThrow(ExpressionError);
  });
});
