import type { ExprResults, Labels } from '@gdlens/grafana-model';

function contains(labels: Labels, subset: Labels): boolean {
  return Object.entries(subset).every(([key, value]) => labels[key] === value);
}

/**
 * The numbers an evaluation produced for one instance, by refId: each reduce, math or threshold
 * result whose labels are the instance's (or a subset of them, as a label join matches). Series
 * (raw query results) are left out: the reductions carry their meaning.
 */
export function instanceValues(values: Readonly<Record<string, ExprResults>>, labels: Labels): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const [refId, results] of Object.entries(values)) {
    for (const result of results) {
      if (result.kind === 'number' && contains(labels, result.labels)) {
        out[refId] = result.value;
        break;
      }
      if (result.kind === 'scalar') {
        out[refId] = result.value;
        break;
      }
    }
  }
  return out;
}
