/**
 * The two Painless scripts behind update-aware storage, installed as stored scripts so each bulk
 * item names them instead of repeating their source.
 *
 * Both run inside OpenSearch's per-document update, which is atomic: two workers writing the same
 * finding are serialised by the shard, never by a read-modify-write in the worker.
 */

/**
 * Latest state of a finding. `params.key` orders updates: (updated_at, count, content hash) as one
 * fixed-width string, so any arrival order keeps the same winner, ties included. Every key seen is
 * recorded in `ledger` (key → count); the writer reads the ledger back (`_source` of the update
 * response) to compute occurrence deltas. Result: `created`/`updated` when this update is new,
 * `noop` when it was already recorded.
 */
export const FINDING_UPSERT_SCRIPT = `
Map src = ctx._source;
def ledger = src.get('ledger');
if (ledger == null) { ledger = new HashMap(); }
boolean added = !ledger.containsKey(params.key);
if (added) { ledger.put(params.key, params.count); }
def current = src.get('version_key');
if (current == null || params.key.compareTo(current) > 0) {
  src.clear();
  src.putAll(params.doc);
  src.put('version_key', params.key);
  src.put('ledger', ledger);
} else if (added) {
  src.put('ledger', ledger);
} else {
  ctx.op = 'none';
}
`.trim();

/**
 * One occurrence (a distinct update of a finding). `params.seq` is the ledger size the delta was
 * computed from: a larger ledger knows more predecessors, so its delta wins; an equal one computed
 * the same delta. `params.doc` (the update's fields) is absent when the write only corrects the
 * delta of a successor, which may arrive before the successor's own write.
 */
export const OCCURRENCE_UPSERT_SCRIPT = `
Map src = ctx._source;
boolean changed = false;
if (params.doc != null && src.get('complete') != true) {
  src.putAll(params.doc);
  src.put('complete', true);
  changed = true;
} else if (src.isEmpty()) {
  src.putAll(params.partial);
  src.put('complete', false);
  changed = true;
}
def seq = src.get('delta_seq');
if (seq == null || params.seq > seq) {
  src.put('delta_seq', params.seq);
  src.put('prev_count', params.prev_count);
  src.put('count_delta', params.count_delta);
  changed = true;
}
if (!changed) { ctx.op = 'none'; }
`.trim();
