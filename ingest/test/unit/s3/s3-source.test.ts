import { ConfigError } from '../../../src/errors';
import {
  decodeListedKey,
  existingStateDecision,
  objectStateId,
  objectUri,
  parseS3Url,
  parseState,
  s3ClientConfig,
  skipReason,
} from '../../../src/sources/s3';

describe('parseS3Url', () => {
  it('splits bucket and prefix', () => {
    expect(parseS3Url('s3://my-logs/AWSLogs/123456789012/GuardDuty/')).toEqual({ bucket: 'my-logs', prefix: 'AWSLogs/123456789012/GuardDuty/' });
    expect(parseS3Url('s3://my-logs')).toEqual({ bucket: 'my-logs', prefix: '' });
    expect(parseS3Url('s3://my-logs/')).toEqual({ bucket: 'my-logs', prefix: '' });
  });

  it('refuses what is not an S3 URL or a valid bucket, naming --s3', () => {
    for (const bad of ['my-logs/prefix', 'https://my-logs/x', 's3://', 's3://My_Logs/x', 's3://ab/x']) {
      expect(() => parseS3Url(bad)).toThrow(ConfigError);
      expect(() => parseS3Url(bad)).toThrow(/--s3/);
    }
  });
});

describe('decodeListedKey', () => {
  it('decodes a form-encoded key: + is a space, %2B a plus, %3D an equals sign', () => {
    expect(decodeListedKey('AWSLogs/part%3D1+copy%2Bx%25y.json.gz')).toBe('AWSLogs/part=1 copy+x%y.json.gz');
    expect(decodeListedKey('AWSLogs/part%3D1%20copy.json.gz')).toBe('AWSLogs/part=1 copy.json.gz');
  });

  it('leaves a plain key as it is', () => {
    const key = 'AWSLogs/o-abc123/123456789012/CloudTrail/eu-west-1/2026/01/02/123456789012_CloudTrail_eu-west-1_20260102T0000Z_x.json.gz';
    expect(decodeListedKey(key)).toBe(key);
  });
});

describe('skipReason', () => {
  it('skips CloudTrail digests, standard and organization trails', () => {
    expect(skipReason('AWSLogs/123456789012/CloudTrail-Digest/us-east-1/2026/01/02/x.json.gz', 900)).toMatch(/digest/);
    expect(skipReason('AWSLogs/o-abc123/123456789012/CloudTrail-Digest/us-east-1/2026/01/02/x.json.gz', 900)).toMatch(/digest/);
  });

  it('skips empty folder markers but reads logs and exports', () => {
    expect(skipReason('AWSLogs/123456789012/GuardDuty/', 0)).toMatch(/folder/);
    expect(skipReason('AWSLogs/123456789012/GuardDuty/us-east-1/2026/01/02/0b5e.jsonl.gz', 1200)).toBeUndefined();
    expect(skipReason('AWSLogs/123456789012/CloudTrail/us-east-1/2026/01/02/x.json.gz', 0)).toBeUndefined();
    expect(skipReason('not-a-CloudTrail-Digestive/x.json', 10)).toBeUndefined();
  });
});

describe('objectStateId', () => {
  it('depends on bucket, key and ETag', () => {
    const base = { bucket: 'b1', key: 'AWSLogs/k.jsonl.gz', etag: 'abc' };
    const id = objectStateId(base);
    expect(id).toMatch(/^s3-[0-9a-f]{40}$/);
    expect(objectStateId({ ...base })).toBe(id);
    expect(objectStateId({ ...base, etag: 'abd' })).not.toBe(id);
    expect(objectStateId({ ...base, bucket: 'b2' })).not.toBe(id);
    expect(objectStateId({ ...base, key: 'AWSLogs/k2.jsonl.gz' })).not.toBe(id);
    // The separator keeps bucket and key apart: "b1a" + "x" is not "b1" + "ax".
    expect(objectStateId({ bucket: 'b1a', key: 'x', etag: 'e' })).not.toBe(objectStateId({ bucket: 'b1', key: 'ax', etag: 'e' }));
  });

  it('names objects by URI', () => {
    expect(objectUri('b1', 'a b/c=d+e')).toBe('s3://b1/a b/c=d+e');
  });
});

describe('the lease rule', () => {
  const nowMs = Date.parse('2026-01-15T12:00:00Z');
  it('done stays done, a live claim is busy, an expired claim is taken over', () => {
    expect(existingStateDecision({ status: 'done', workerId: 'w', leaseUntilMs: 0 }, nowMs)).toBe('done');
    expect(existingStateDecision({ status: 'claimed', workerId: 'w', leaseUntilMs: nowMs + 1 }, nowMs)).toBe('busy');
    expect(existingStateDecision({ status: 'claimed', workerId: 'w', leaseUntilMs: nowMs }, nowMs)).toBe('take-over');
  });

  it('reads stored documents, and treats an unreadable one as an expired claim', () => {
    expect(parseState({ value: { status: 'done', worker_id: 'w1', lease_until_ms: 5 } })).toEqual({ status: 'done', workerId: 'w1', leaseUntilMs: 5 });
    expect(parseState(undefined)).toEqual({ status: 'claimed', workerId: 'unknown', leaseUntilMs: 0 });
    expect(existingStateDecision(parseState({ value: { status: 'weird' } }), nowMs)).toBe('take-over');
  });
});

describe('s3ClientConfig', () => {
  it('takes region and keys from the standard variables, path style with an endpoint', () => {
    const config = s3ClientConfig({
      env: { AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_SESSION_TOKEN: 'tok', AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9000' },
    });
    expect(config).toEqual({
      region: 'eu-west-1',
      endpoint: 'http://127.0.0.1:9000',
      forcePathStyle: true,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', sessionToken: 'tok' },
    });
  });

  it('lets the flag win over the variables, and leaves credentials to the default chain when no keys are set', () => {
    const config = s3ClientConfig({ endpoint: 'http://localhost:1', env: { AWS_DEFAULT_REGION: 'us-east-2', AWS_ENDPOINT_URL: 'http://other:2' } });
    expect(config).toEqual({ region: 'us-east-2', endpoint: 'http://localhost:1', forcePathStyle: true });
    expect(s3ClientConfig({ env: {} })).toEqual({});
  });
});
