import { createDataFrame, type DataFrame, DataFrameType, FieldType } from '@grafana/data';

/** A terms table as the OpenSearch data source returns it: one column per terms field, then `Count`. */
export function termsTable(columns: Record<string, string[]>, counts: number[], metrics: Record<string, number[]> = {}): DataFrame {
  return createDataFrame({
    fields: [
      ...Object.entries(columns).map(([name, values]) => ({ name, type: FieldType.string, values, config: { filterable: true } })),
      { name: 'Count', type: FieldType.number, values: counts },
      ...Object.entries(metrics).map(([name, values]) => ({ name, type: FieldType.number, values })),
    ],
  });
}

/** One series of a date histogram under terms: `Time` and `Value` labelled with the bucket keys. */
export function series(labels: Record<string, string>, points: Array<[number, number]>): DataFrame {
  return createDataFrame({
    meta: { type: DataFrameType.TimeSeriesMulti },
    fields: [
      { name: 'Time', type: FieldType.time, values: points.map(([timeMs]) => timeMs) },
      { name: 'Value', type: FieldType.number, values: points.map(([, value]) => value), labels, config: { displayNameFromDS: 'Count' } },
    ],
  });
}

/** A Raw Data frame: flattened `_source` documents, columns typed by their first value. */
export function documents(docs: Array<Record<string, string | number | undefined>>): DataFrame {
  const names = [...new Set(docs.flatMap((doc) => Object.keys(doc)))].sort();
  return createDataFrame({
    fields: names.map((name) => {
      const values = docs.map((doc) => doc[name] ?? null);
      const first = values.find((value) => value !== null);
      return { name, type: typeof first === 'number' ? FieldType.number : FieldType.string, values };
    }),
  });
}
