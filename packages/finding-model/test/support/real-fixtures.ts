import { readFileSync, readdirSync } from 'node:fs';
import path, { join } from 'node:path';

/**
 * The team's real GuardDuty fixtures (third-party, see SOURCES.md there). Override the folder with
 * GDLENS_REAL_FIXTURES; a missing folder fails the test rather than skipping it.
 */
export const REAL_FIXTURES_DIR = process.env['GDLENS_REAL_FIXTURES'] ?? path.resolve(__dirname, '../../../../../shared/fixtures/real');

export interface FixtureType {
  file: string;
  line: number;
  type: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `type` of every GuardDuty finding in the fixture files: `detail.type` in EventBridge envelopes, `type` in raw findings. */
export function realFindingTypes(): FixtureType[] {
  const files = readdirSync(REAL_FIXTURES_DIR).filter((name) => /guardduty/i.test(name) && name.endsWith('.jsonl'));
  const out: FixtureType[] = [];
  for (const file of files) {
    const lines = readFileSync(join(REAL_FIXTURES_DIR, file), 'utf8').split('\n');
    lines.forEach((text, index) => {
      if (text.trim() === '') return;
      const record: unknown = JSON.parse(text);
      if (!isRecord(record)) return;
      const isEnvelope = record['detail-type'] === 'GuardDuty Finding' && isRecord(record['detail']);
      const finding = isEnvelope ? (record['detail'] as Record<string, unknown>) : record;
      // CloudTrail records about GuardDuty share the file-name pattern; only findings have a schemaVersion or an arn under /finding/.
      const isFinding = 'schemaVersion' in finding || (typeof finding['arn'] === 'string' && finding['arn'].includes('/finding/'));
      if (isFinding) out.push({ file, line: index + 1, type: finding['type'] });
    });
  }
  return out;
}
