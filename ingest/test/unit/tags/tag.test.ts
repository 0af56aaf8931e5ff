import { storeNames } from '../../../src/store/names';
import { parseIsoTime, parseTag, tagDocument, tagId, type Tag } from '../../../src/tags/tag';

const NOW = Date.parse('2026-11-27T14:05:00Z');
const BASE = { name: 'v1.4.2', kind: 'deploy', service: 'api', env: 'prod' };

function valid(input: Record<string, unknown>, defaultRecordedBy = 'alice'): Tag {
  const result = parseTag(input, { nowMs: NOW, defaultRecordedBy });
  if (!result.ok) throw new Error(`expected a valid tag, got ${JSON.stringify(result.errors)}`);
  return result.tag;
}

function errors(input: Record<string, unknown>, defaultRecordedBy: string | undefined = 'alice'): Array<{ field: string; message: string }> {
  const result = parseTag(input, { nowMs: NOW, ...(defaultRecordedBy !== undefined ? { defaultRecordedBy } : {}) });
  if (result.ok) throw new Error(`expected errors, got ${JSON.stringify(result.tag)}`);
  return [...result.errors];
}

describe('parseTag', () => {
  it('takes the minimal tag: start defaults to now, recorded_by to the default', () => {
    expect(valid(BASE)).toEqual({ name: 'v1.4.2', kind: 'deploy', service: 'api', env: 'prod', start: '2026-11-27T14:05:00.000Z', recordedBy: 'alice' });
  });

  it('takes every field, normalising times to UTC and the kind to lower case', () => {
    const tag = valid({ ...BASE, kind: 'Pentest', account: '123456789012', time: '2026-11-27T10:00:00+02:00', end: '2026-11-28', url: 'https://ci.example.com/run/42', by: 'ci-bot' });
    expect(tag).toEqual({
      name: 'v1.4.2',
      kind: 'pentest',
      service: 'api',
      env: 'prod',
      accountId: '123456789012',
      start: '2026-11-27T08:00:00.000Z',
      end: '2026-11-28T00:00:00.000Z',
      url: 'https://ci.example.com/run/42',
      recordedBy: 'ci-bot',
    });
  });

  it('names every missing required field at once', () => {
    expect(errors({}).map((e) => e.field).sort()).toEqual(['env', 'kind', 'name', 'service']);
  });

  it.each([
    [{ kind: 'rollout' }, 'kind', /one of deploy, release, campaign, pentest, other/],
    [{ account: '12345' }, 'account', /12-digit/],
    [{ time: '2026-11-27 14:05' }, 'time', /ISO 8601/],
    [{ time: '2026-11-27T14:05:00' }, 'time', /with a zone/],
    [{ time: '2026-02-30' }, 'time', /ISO 8601/],
    [{ time: 'yesterday' }, 'time', /ISO 8601/],
    [{ end: '2026-13-01T00:00:00Z' }, 'end', /ISO 8601/],
    [{ time: '2026-11-27T14:00:00Z', end: '2026-11-27T13:59:59Z' }, 'end', /not be before the start/],
    [{ url: 'ftp://example.com/x' }, 'url', /http or https/],
    [{ url: 'not a url' }, 'url', /http or https/],
    [{ name: '' }, 'name', /required/],
    [{ name: '   ' }, 'name', /required/],
    [{ name: 'a\nb' }, 'name', /control characters/],
    [{ name: 'x'.repeat(201) }, 'name', /longer than 200/],
    [{ service: 42 }, 'service', /must be a string, got number/],
    [{ env: ['prod'] }, 'env', /must be a string, got an array/],
    [{ enviroment: 'prod' }, 'enviroment', /unknown field/],
  ])('rejects %j, naming %s', (override, field, message) => {
    const found = errors({ ...BASE, ...override });
    expect(found).toHaveLength(1);
    expect(found[0]?.field).toBe(field);
    expect(found[0]?.message).toMatch(message);
  });

  it('accepts an end equal to the start (an instant) and an end after a defaulted start', () => {
    expect(valid({ ...BASE, time: '2026-11-27T14:00:00Z', end: '2026-11-27T14:00:00Z' }).end).toBe('2026-11-27T14:00:00.000Z');
    expect(errors({ ...BASE, end: '2026-11-27T14:00:00Z' })[0]?.field).toBe('end');
  });

  it('needs someone to record it: --by or a default', () => {
    expect(errors(BASE, '')).toEqual([{ field: 'by', message: expect.stringMatching(/--by or \$USER/) as unknown as string }]);
    expect(valid({ ...BASE, by: 'bob' }, '').recordedBy).toBe('bob');
  });
});

describe('parseIsoTime', () => {
  it.each([
    ['2026-11-27', '2026-11-27T00:00:00.000Z'],
    ['2026-11-27T14:05Z', '2026-11-27T14:05:00.000Z'],
    ['2026-11-27T14:05:06.789Z', '2026-11-27T14:05:06.789Z'],
    ['2026-11-27T14:05:06-05:00', '2026-11-27T19:05:06.000Z'],
  ])('%s', (text, iso) => {
    expect(new Date(parseIsoTime(text) ?? Number.NaN).toISOString()).toBe(iso);
  });

  it.each(['2026-11-27T24:00:00Z', '2026-11-27T14:05:00+0200', '1732716300000', '27/11/2026', '2026-11-27T14:05:61Z'])('rejects %s', (text) => {
    expect(parseIsoTime(text)).toBeUndefined();
  });
});

describe('tagId', () => {
  it('is the same for the same event and differs for another start, env or kind', () => {
    const tag = valid({ ...BASE, time: '2026-11-27T14:00:00Z' });
    expect(tagId(tag)).toBe(tagId(valid({ ...BASE, time: '2026-11-27T16:00:00+02:00', by: 'someone-else', url: 'https://x.example/1' })));
    expect(tagId(tag)).toMatch(/^[0-9a-f]{32}$/);
    const others = [
      valid({ ...BASE, time: '2026-11-27T14:00:01Z' }),
      valid({ ...BASE, time: '2026-11-27T14:00:00Z', env: 'staging' }),
      valid({ ...BASE, time: '2026-11-27T14:00:00Z', kind: 'release' }),
      valid({ ...BASE, time: '2026-11-27T14:00:00Z', account: '123456789012' }),
    ];
    for (const other of others) expect(tagId(other)).not.toBe(tagId(tag));
  });
});

describe('tagDocument', () => {
  it('maps a tag to the stored fields with annotation text and tags', () => {
    const tag = valid({ ...BASE, account: '123456789012', time: '2026-11-27T14:00:00Z', end: '2026-11-27T15:00:00Z', url: 'https://ci.example.com/run/42' });
    expect(tagDocument(tag, NOW)).toEqual({
      '@timestamp': '2026-11-27T14:00:00.000Z',
      end: '2026-11-27T15:00:00.000Z',
      name: 'v1.4.2',
      kind: 'deploy',
      service: 'api',
      env: 'prod',
      account_id: '123456789012',
      url: 'https://ci.example.com/run/42',
      recorded_by: 'alice',
      text: 'deploy v1.4.2: api in prod (account 123456789012), recorded by alice https://ci.example.com/run/42',
      tags: ['deploy', 'api', 'prod', '123456789012'],
      ingested_at: '2026-11-27T14:05:00.000Z',
    });
  });

  it('leaves optional fields out rather than null', () => {
    const document = tagDocument(valid(BASE), NOW);
    expect(Object.keys(document)).not.toEqual(expect.arrayContaining(['end']));
    expect('account_id' in document || 'url' in document || 'end' in document).toBe(false);
  });
});

describe('tags index names', () => {
  it('is gdlens-tags over gdlens-tags-v1 with the default prefix', () => {
    const names = storeNames();
    expect(names.alias('tags')).toBe('gdlens-tags');
    expect(names.index('tags', 1)).toBe('gdlens-tags-v1');
  });
});
