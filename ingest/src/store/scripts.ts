/**
 * The two Painless scripts behind update-aware storage, installed as stored scripts so each bulk
 * item names them instead of repeating their source.
 *
 * Both run inside OpenSearch's per-document update, which is atomic: two workers writing the same
 * finding are serialised by the shard, never by a read-modify-write in the worker.
 */

/**
 * Latest state of a finding. `params.key` orders updates: (updated_at, count, content hash) as one
 * fixed-width string, so any arrival order keeps the same winner, ties included.
 *
 * The ledger (key → count) holds the newest `params.ledger_max` keys: what the writer needs to
 * compute occurrence deltas (a new key's predecessor and successor). Older keys are dropped, and
 * the smallest key kept becomes `ledger_floor`: a key at or below it arrived too late to be placed
 * (or is a re-delivery of a dropped one) and is not recorded again. `ledger_seq` counts the keys
 * ever placed; it only grows, so occurrence deltas can tell a newer computation from an older one.
 * The writer reads these fields back (`_source` of the update response). Result: `created`/`updated`
 * when this update is new, `noop` when it was already recorded or is late.
 */
export const FINDING_UPSERT_SCRIPT = `
Map src = ctx._source;
def ledger = src.get('ledger');
if (ledger == null) { ledger = new HashMap(); }
def seq = src.get('ledger_seq');
if (seq == null) { seq = ledger.size(); }
def floor = src.get('ledger_floor');
boolean late = floor != null && params.key.compareTo(floor) <= 0;
boolean changed = false;
if (!late && !ledger.containsKey(params.key)) {
  ledger.put(params.key, params.count);
  seq = seq + 1;
  changed = true;
  if (params.ledger_max != null && ledger.size() > params.ledger_max) {
    List keys = new ArrayList(ledger.keySet());
    Collections.sort(keys);
    int drop = ledger.size() - params.ledger_max;
    for (int i = 0; i < drop; i++) { ledger.remove(keys.get(i)); }
    floor = keys.get(drop);
  }
}
def current = src.get('version_key');
if (current == null || params.key.compareTo(current) > 0) {
  src.clear();
  src.putAll(params.doc);
  src.put('version_key', params.key);
  changed = true;
}
if (!changed) {
  ctx.op = 'none';
  return;
}
src.put('ledger', ledger);
src.put('ledger_seq', seq);
if (floor != null) { src.put('ledger_floor', floor); }
`.trim();

/**
 * One occurrence (a distinct update of a finding). `params.seq` is the `ledger_seq` the delta was
 * computed from: a later ledger knows more predecessors, so its delta wins; an equal one computed
 * the same delta; 0 (an update that arrived below the ledger floor) only fills a missing delta.
 * `params.doc` (the update's fields) is absent when the write only corrects the delta of a
 * successor, which may arrive before the successor's own write; `params.partial` is sent only then.
 */
export const OCCURRENCE_UPSERT_SCRIPT = `
Map src = ctx._source;
boolean changed = false;
if (params.doc != null && src.get('complete') != true) {
  src.putAll(params.doc);
  src.put('complete', true);
  changed = true;
} else if (params.doc == null && src.isEmpty()) {
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
