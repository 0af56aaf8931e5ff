/**
 * The demo's lifecycle tags: a few deploys, a release and a pentest window placed among the demo's
 * findings, so a newcomer sees tag annotations (and a region) on the trend panels and rows in the
 * "Tag impact" table without recording anything first.
 */
import { DEMO_WORLD } from './scenario';
import { parseTag, type Tag } from '../tags/tag';
import { IngestError } from '../errors';

const HOUR_MS = 3_600_000;

/** Hours before now, chosen so most tags have complete 3 h windows on both sides within the demo's days. */
const DEMO_TAG_INPUTS = (nowMs: number): ReadonlyArray<Record<string, string>> => {
  const at = (hoursAgo: number): string => new Date(nowMs - hoursAgo * HOUR_MS).toISOString();
  const [prod, staging] = [DEMO_WORLD.accounts[0] as string, DEMO_WORLD.accounts[1] as string];
  return [
    { name: 'api v1.4.2', kind: 'deploy', service: 'api', env: 'prod', account: prod, time: at(30), url: 'https://ci.example/api/builds/1042' },
    { name: 'v2.0.0', kind: 'release', service: 'web', env: 'prod', time: at(54) },
    { name: 'external pentest Q4', kind: 'pentest', service: 'web', env: 'staging', account: staging, time: at(20), end: at(14) },
    // Recent, so its after-window is still open and the table marks it partial.
    { name: 'api v1.4.3', kind: 'deploy', service: 'api', env: 'prod', account: prod, time: at(1) },
  ];
};

/** The demo's tags, validated by the same parser as `gdlens tag` and `POST /tags`. */
export function demoTags(nowMs: number): Tag[] {
  return DEMO_TAG_INPUTS(nowMs).map((input) => {
    const parsed = parseTag({ ...input, by: 'gdlens demo' }, { nowMs });
    if (!parsed.ok) throw new IngestError(`demo tag ${input['name'] ?? '?'} is invalid: ${parsed.errors.map((e) => `${e.field} ${e.message}`).join('; ')}`);
    return parsed.tag;
  });
}
