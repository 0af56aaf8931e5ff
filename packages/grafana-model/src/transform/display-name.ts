import type { Field, Frame } from '../types';

/** Grafana's names for the two fields of a data-plane time series. */
export const TIME_FIELD_NAME = 'Time';
export const VALUE_FIELD_NAME = 'Value';

/** `{a="1", b="2"}`, as Grafana's formatLabels writes a label set. */
export function formatLabels(labels: Readonly<Record<string, string>>): string {
  const parts = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  return parts.length === 0 ? '' : `{${parts.join(', ')}}`;
}

/** The one label key every labelled field of `frames` uses, or undefined when there are several (or none). */
function singleLabelName(frames: readonly Frame[]): string | undefined {
  let single: string | undefined;
  for (const frame of frames) {
    for (const field of frame.fields) {
      for (const key of Object.keys(field.labels ?? {})) {
        if (single === undefined) single = key;
        else if (key !== single) return undefined;
      }
    }
  }
  return single;
}

/**
 * The name a field is shown (and matched by transformations) under, as Grafana's
 * getFieldDisplayName computes it: a configured display name, then the data source's, then the
 * field name with its labels (only the label value when every frame uses one label key) and the
 * frame name when frames are named differently. Transformations match fields by this name, not by
 * `field.name`, which is why a rename by `organize` is visible to the transformations after it.
 */
export function fieldDisplayName(field: Field, frame?: Frame, allFrames?: readonly Frame[]): string {
  const configured = field.config?.displayName;
  if (typeof configured === 'string' && configured !== '') return configured;
  const fromDataSource = field.config?.displayNameFromDS;
  if (typeof fromDataSource === 'string' && fromDataSource !== '') return fromDataSource;
  // Time fields keep their own name so time series line up, unless a join gave them labels.
  if (field.type === 'time' && field.labels === undefined) return field.name === '' ? TIME_FIELD_NAME : field.name;

  const parts: string[] = [];
  const frames = allFrames ?? (frame === undefined ? [] : [frame]);
  const frameNamesDiffer = frames.some((f, i) => i > 0 && f.name !== frames[i - 1]?.name);
  let frameNameAdded = false;
  let labelsAdded = false;
  if (frameNamesDiffer && frame?.name) {
    parts.push(frame.name);
    frameNameAdded = true;
  }
  if (field.name !== '' && field.name !== VALUE_FIELD_NAME) parts.push(field.name);
  if (field.labels !== undefined && frame !== undefined) {
    const single = singleLabelName(frames);
    if (single === undefined) {
      const all = formatLabels(field.labels);
      if (all !== '') {
        parts.push(all);
        labelsAdded = true;
      }
    } else if (field.labels[single]) {
      parts.push(field.labels[single]);
      labelsAdded = true;
    }
  }
  if (frame !== undefined && !frameNameAdded && !labelsAdded && field.name === VALUE_FIELD_NAME && frame.name) parts.push(frame.name);
  if (parts.length > 0) return parts.join(' ');
  return field.name === '' ? VALUE_FIELD_NAME : field.name;
}

/** Rows of a frame: the length of its first field (every field has the same length). */
export function frameLength(frame: Frame): number {
  return frame.fields[0]?.values.length ?? 0;
}
