import { GrafanaModelError } from '../errors';
import type { QueryRunner } from '../alerting/rule';
import type { DatasourceSettings, OpenSearchTarget } from '../types';
import { toFrames } from './frames';
import { executeMsearch, fetchShardCount, type FetchLike } from './http';
import { indicesFor } from './index-pattern';
import { toMsearch } from './request';

function needsShardCount(target: OpenSearchTarget): boolean {
  const aggs = target.bucketAggs ?? [];
  const autoHistogram = aggs.some((a) => a.type === 'date_histogram' && (a.settings?.interval === undefined || a.settings.interval === 'auto'));
  return autoHistogram && aggs.some((a) => a.type === 'terms');
}

/**
 * A `QueryRunner` that executes alert queries against OpenSearch as grafana-opensearch-datasource
 * would: the model is used raw (alerting does not interpolate), `intervalMs` defaults to 1000, the
 * shard count is looked up for the bucket budget, and the response becomes frames.
 */
export function openSearchQueryRunner(datasources: Readonly<Record<string, DatasourceSettings>>, fetchImpl?: FetchLike): QueryRunner {
  return async (query) => {
    const datasource = datasources[query.datasourceUid];
    if (!datasource?.url) throw new GrafanaModelError(`no OpenSearch data source with uid "${query.datasourceUid}" and a url`);
    const target = { ...query.model, refId: query.refId } as OpenSearchTarget;
    const index = target.index || indicesFor(datasource.database ?? '', datasource.interval, query.range).join(',');
    const shards = needsShardCount(target) ? await fetchShardCount(datasource.url, index, fetchImpl) : 1;
    const request = toMsearch([target], datasource, query.range, { intervalMs: target.intervalMs ?? 1000, shards });
    const reply = await executeMsearch(datasource.url, request, fetchImpl);
    const response = reply.responses[0];
    if (!response) throw new GrafanaModelError(`_msearch returned no response for ${query.refId}`);
    return toFrames(response, target, datasource);
  };
}
