/**
 * The OpenSearch data source reads an annotation's fields from keys beside `target`
 * (`timeField`, `timeEndField`, `textField`, `tagsField`), which the dashboard schema's
 * AnnotationQuery does not list. Schema checks drop them first, as the stock dashboards' tests do.
 */
const ANNOTATION_DATASOURCE_KEYS = ['timeField', 'timeEndField', 'textField', 'tagsField'];

export function withoutAnnotationDataSourceKeys<T extends object>(dashboard: T): T {
  // JSON copy: the jsdom test environment has no structuredClone.
  const copy = JSON.parse(JSON.stringify(dashboard)) as T & { annotations?: { list?: Array<Record<string, unknown>> } };
  for (const entry of copy.annotations?.list ?? []) {
    for (const key of ANNOTATION_DATASOURCE_KEYS) {
      delete entry[key];
    }
  }
  return copy;
}
