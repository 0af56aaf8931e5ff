import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseQuery, signCanonicalRequest, signRequest, SigV4Error, SigV4Service, toAmzDate, uriEncode } from '../../../src/opensearch/sigv4';

interface SuiteContext {
  amzDate: string;
  region: string;
  service: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
}

interface SuiteVector {
  name: string;
  source: string;
  context: string;
  request: { method: string; path: string; query: Array<[string, string]>; headers: Record<string, string>; body: string };
  expected: { authorization: string; canonicalRequest?: string; stringToSign?: string };
}

const suite = JSON.parse(readFileSync(path.join(__dirname, 'aws-sigv4-suite.json'), 'utf8')) as {
  contexts: Record<string, SuiteContext>;
  vectors: SuiteVector[];
};

const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

function stepsFor(vector: SuiteVector) {
  const context = suite.contexts[vector.context];
  if (!context) throw new Error(`${vector.name}: no context ${vector.context}`);
  return signCanonicalRequest({
    method: vector.request.method,
    path: vector.request.path,
    query: vector.request.query,
    headers: vector.request.headers,
    payloadHash: sha256Hex(vector.request.body),
    amzDate: context.amzDate,
    region: context.region,
    service: context.service,
    credentials: context.credentials,
  });
}

describe("AWS's SigV4 test suite", () => {
  test('has the vectors the signer must pass', () => {
    expect(suite.vectors.length).toBeGreaterThanOrEqual(30);
  });

  test.each(suite.vectors.map((vector) => [vector.name, vector] as const))('%s: Authorization header', (_name, vector) => {
    expect(stepsFor(vector).authorization).toBe(vector.expected.authorization);
  });

  const withSteps = suite.vectors.filter((vector) => vector.expected.canonicalRequest !== undefined);
  test.each(withSteps.map((vector) => [vector.name, vector] as const))('%s: canonical request and string to sign', (_name, vector) => {
    const steps = stepsFor(vector);
    expect(steps.canonicalRequest).toBe(vector.expected.canonicalRequest);
    expect(steps.stringToSign).toBe(vector.expected.stringToSign);
  });
});

describe('signRequest', () => {
  const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
  const now = new Date('2015-08-30T12:36:00Z');

  test('matches the suite end to end when the body hash header is signed', () => {
    const vector = suite.vectors.find((v) => v.name === 'post-x-www-form-urlencoded-signed-body-hash');
    if (!vector) throw new Error('vector missing');
    const signed = signRequest({
      method: 'POST',
      url: 'https://example.amazonaws.com/',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': '13' },
      body: 'Param1=value1',
      region: 'us-east-1',
      // The suite signs for the placeholder service name "service".
      service: 'service' as SigV4Service,
      credentials,
      now,
    });
    expect(signed).toEqual({
      Authorization: vector.expected.authorization,
      'X-Amz-Date': '20150830T123600Z',
      'X-Amz-Content-Sha256': '9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e',
    });
  });

  test('signs a body given as chunks exactly as the same bytes given whole', () => {
    const vector = suite.vectors.find((v) => v.name === 'post-x-www-form-urlencoded-signed-body-hash');
    if (!vector) throw new Error('vector missing');
    const request = {
      method: 'POST',
      url: 'https://example.amazonaws.com/',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': '13' },
      region: 'us-east-1',
      service: 'service' as SigV4Service,
      credentials,
      now,
    };
    // Split inside a multi-byte character too: the hash is over bytes, not text.
    const whole = Buffer.from('Param1=value1');
    const chunked = signRequest({ ...request, body: [whole.subarray(0, 2), whole.subarray(2, 9), Buffer.alloc(0), whole.subarray(9)] });
    expect(chunked.Authorization).toBe(vector.expected.authorization);
    const text = Buffer.from('{"a":"é"}\n');
    const split = signRequest({ ...request, body: [text.subarray(0, 7), text.subarray(7)] });
    expect(split['X-Amz-Content-Sha256']).toBe(sha256Hex('{"a":"é"}\n'));
    expect(split).toEqual(signRequest({ ...request, body: text }));
  });

  test('signs the session token of temporary credentials and returns it as a header', () => {
    const signed = signRequest({
      method: 'GET',
      url: 'https://search-x.us-east-1.es.amazonaws.com/_cluster/health',
      region: 'us-east-1',
      service: 'es',
      credentials: { ...credentials, sessionToken: 'token/with+chars=' },
      now,
    });
    expect(signed['X-Amz-Security-Token']).toBe('token/with+chars=');
    expect(signed.Authorization).toContain('SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,');
    expect(signed.Authorization).toContain('Credential=AKIDEXAMPLE/20150830/us-east-1/es/aws4_request,');
  });

  test('leaves out hop-by-hop and user-agent headers, and signs host with its port', () => {
    const input = {
      method: 'POST',
      url: 'https://127.0.0.1:9443/_bulk',
      headers: { 'User-Agent': 'gdlens/1', Connection: 'keep-alive', 'Content-Type': 'application/x-ndjson' },
      body: '{"index":{}}\n{"a":1}\n',
      region: 'eu-west-1',
      service: 'aoss' as const,
      credentials,
      now,
    };
    const signed = signRequest(input);
    expect(signed.Authorization).toContain('SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date,');
    // A different user agent must not change the signature, a different port must.
    expect(signRequest({ ...input, headers: { ...input.headers, 'User-Agent': 'other' } }).Authorization).toBe(signed.Authorization);
    expect(signRequest({ ...input, url: 'https://127.0.0.1:9444/_bulk' }).Authorization).not.toBe(signed.Authorization);
  });

  test('the signature covers method, path, query, body and time', () => {
    const base = { method: 'GET', url: 'https://h.example/idx/_search?q=a', body: '', region: 'us-east-1', service: 'es' as const, credentials, now };
    const signature = (overrides: Partial<typeof base>): string => signRequest({ ...base, ...overrides }).Authorization;
    const reference = signature({});
    const variants = [
      signature({ method: 'POST' }),
      signature({ url: 'https://h.example/idx2/_search?q=a' }),
      signature({ url: 'https://h.example/idx/_search?q=b' }),
      signature({ body: '{}' }),
      signature({ now: new Date('2015-08-30T12:36:01Z') }),
    ];
    expect(new Set([reference, ...variants]).size).toBe(6);
  });

  test('encodes the wire path once more, as AWS does for every service but S3', () => {
    const steps = signCanonicalRequest({
      method: 'GET',
      path: new URL('https://h.example/gd findings/_doc/a%2Fb').pathname,
      query: parseQuery('?routing=x y&q=a+b'),
      headers: { host: 'h.example', 'x-amz-date': '20150830T123600Z' },
      payloadHash: sha256Hex(''),
      amzDate: '20150830T123600Z',
      region: 'us-east-1',
      service: 'es',
      credentials,
    });
    const [, canonicalPath, canonicalQuery] = steps.canonicalRequest.split('\n');
    expect(canonicalPath).toBe('/gd%2520findings/_doc/a%252Fb');
    // '+' is a literal plus to AWS, not a space.
    expect(canonicalQuery).toBe('q=a%2Bb&routing=x%20y');
  });

  test('refuses to sign without credentials or with an invalid clock', () => {
    const input = { method: 'GET', url: 'https://h.example/', region: 'us-east-1', service: 'es' as const, credentials, now };
    expect(() => signRequest({ ...input, credentials: { accessKeyId: '', secretAccessKey: 'x' } })).toThrow(SigV4Error);
    expect(() => signRequest({ ...input, region: '' })).toThrow(SigV4Error);
    expect(() => signRequest({ ...input, now: new Date('not a date') })).toThrow(SigV4Error);
  });

  test('refuses a header given twice in different cases rather than guessing', () => {
    expect(() =>
      signCanonicalRequest({
        method: 'GET',
        path: '/',
        query: [],
        headers: { Host: 'a.example', host: 'b.example' },
        payloadHash: sha256Hex(''),
        amzDate: '20150830T123600Z',
        region: 'us-east-1',
        service: 'es',
        credentials,
      }),
    ).toThrow(SigV4Error);
  });
});

describe('helpers', () => {
  test('toAmzDate drops separators and milliseconds', () => {
    expect(toAmzDate(new Date('2026-01-02T03:04:05.678Z'))).toBe('20260102T030405Z');
  });

  test('uriEncode keeps only RFC 3986 unreserved characters', () => {
    expect(uriEncode("a-_.~ b!'()*/ሴ")).toBe('a-_.~%20b%21%27%28%29%2A%2F%E1%88%B4');
  });

  test('parseQuery decodes escapes, keeps "+", empty values and stray "%"', () => {
    expect(parseQuery('?a=1&b&c=x%20y&d=p+q&e=100%')).toEqual([
      ['a', '1'],
      ['b', ''],
      ['c', 'x y'],
      ['d', 'p+q'],
      ['e', '100%'],
    ]);
  });
});
