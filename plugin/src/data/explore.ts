import { type DataSourceRef, locationUtil, type RawTimeRange, isDateTime, urlUtil } from '@grafana/data';

/** Characters Lucene's query parser treats as syntax outside a quoted phrase. */
const LUCENE_SPECIAL = /[+\-=&|><!(){}[\]^"~*?:\\/\s]/g;

/** Escapes text for use inside a Lucene phrase (`"…"`): only `\` and `"` are special there. */
export function escapeLucenePhrase(text: string): string {
  return text.replace(/[\\"]/g, (char) => `\\${char}`);
}

/** Escapes a field name (or bare term) so every syntax character is literal. */
export function escapeLuceneTerm(text: string): string {
  return text.replace(LUCENE_SPECIAL, (char) => `\\${char}`);
}

/** `field:"value"`, matching the keyword exactly. */
export function luceneFieldQuery(field: string, value: string): string {
  return `${escapeLuceneTerm(field)}:"${escapeLucenePhrase(value)}"`;
}

function rangeText(value: RawTimeRange['from']): string {
  return isDateTime(value) ? String(value.valueOf()) : String(value);
}

/**
 * The Explore link Grafana itself builds for a data source query: `/explore` with one pane
 * (`panes` JSON: data source uid, queries, range) and `schemaVersion=1`. The query is a Raw Data
 * Lucene target of the OpenSearch data source, so Explore lists the matching documents.
 */
export function exploreUrl(datasource: DataSourceRef, query: string, range: RawTimeRange): string {
  const panes = {
    gdl: {
      datasource: datasource.uid,
      queries: [
        {
          refId: 'A',
          datasource,
          queryType: 'lucene',
          luceneQueryType: 'RawData',
          query,
          metrics: [{ id: '1', type: 'raw_data', settings: { size: '500' } }],
          bucketAggs: [],
        },
      ],
      range: { from: rangeText(range.from), to: rangeText(range.to) },
    },
  };
  return locationUtil.assureBaseUrl(urlUtil.renderUrl('/explore', { schemaVersion: 1, panes: JSON.stringify(panes) }));
}
