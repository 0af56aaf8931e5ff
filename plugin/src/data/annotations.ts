import type { DataFrame } from '@grafana/data';
import { stringAt, timeAt } from './fields';

/** A dashboard annotation as the trend lines mark it: a lifecycle tag, or a window when it has an end. */
export interface TagMarker {
  timeMs: number;
  /** Set for a region (a pentest window), after `timeMs`. */
  timeEndMs?: number;
  text: string;
}

/**
 * The markers of the annotation frames Grafana hands the panel (`data.annotations`): one per row
 * with a `time`, a region when `timeEnd` is later than it. Which annotations there are is the
 * dashboard's business (its annotation queries and their filters), not the panel's.
 */
export function tagMarkers(annotations: readonly DataFrame[] | undefined): TagMarker[] {
  const markers: TagMarker[] = [];
  for (const frame of annotations ?? []) {
    const time = frame.fields.find((field) => field.name === 'time');
    const timeEnd = frame.fields.find((field) => field.name === 'timeEnd');
    const text = frame.fields.find((field) => field.name === 'text');
    for (let index = 0; index < frame.length; index++) {
      const timeMs = timeAt(time, index);
      if (timeMs === undefined) {
        continue;
      }
      const timeEndMs = timeAt(timeEnd, index);
      markers.push({ timeMs, ...(timeEndMs !== undefined && timeEndMs > timeMs ? { timeEndMs } : {}), text: stringAt(text, index) ?? '' });
    }
  }
  return markers.sort((a, b) => a.timeMs - b.timeMs);
}
