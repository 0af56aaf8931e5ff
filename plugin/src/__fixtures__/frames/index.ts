import { createDataFrame, type DataFrame, DataFrameType, FieldType } from '@grafana/data';
import type { PanelView } from '../../types';
import decoder from './decoder.json';
import matrix from './matrix.json';
import strip from './strip.json';

/** A frame as grafana-model writes it (the data source's frame JSON). */
interface FrameJson {
  name?: string;
  refId?: string;
  meta?: { type?: string };
  fields: Array<{ name: string; type: string; labels?: Record<string, string>; config?: Record<string, unknown>; values: unknown[] }>;
}

interface FramesFile {
  panel: string;
  documents: number;
  frames: FrameJson[];
}

const FILES: Record<PanelView, FramesFile> = { matrix, decoder, strip };

const FIELD_TYPES = new Set<string>(Object.values(FieldType));
const FRAME_TYPES = new Set<string>(Object.values(DataFrameType));

function toFieldType(type: string): FieldType {
  return FIELD_TYPES.has(type) ? (type as FieldType) : FieldType.other;
}

/** The committed frames of the provisioned dashboard's `view` panel (see test/frames/frames.test.ts). */
export function fixtureFrames(view: PanelView): DataFrame[] {
  return FILES[view].frames.map((frame) =>
    createDataFrame({
      name: frame.name,
      refId: frame.refId,
      meta: frame.meta?.type && FRAME_TYPES.has(frame.meta.type) ? { type: frame.meta.type as DataFrameType } : undefined,
      fields: frame.fields.map((field) => ({ name: field.name, type: toFieldType(field.type), labels: field.labels, config: field.config ?? {}, values: field.values })),
    })
  );
}

/** The raw frame JSON, for tests that check the panel against the data without the panel's own shaping. */
export function fixtureFrameJson(view: PanelView): readonly FrameJson[] {
  return FILES[view].frames;
}
