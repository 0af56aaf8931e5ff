import { redactSecrets, redactUrlCredentials, secretsOf } from '../../../src/opensearch/redact';

describe('redactUrlCredentials', () => {
  it('hides the user and password of every URL in a text, nothing else', () => {
    expect(redactUrlCredentials("GET https://admin:p%40ss@search.example.org:9200/_cat failed; see http://u:v@h/")).toBe(
      'GET https://***@search.example.org:9200/_cat failed; see http://***@h/',
    );
    expect(redactUrlCredentials('mail admin@example.org about https://search.example.org/x')).toBe('mail admin@example.org about https://search.example.org/x');
  });
});

describe('redactSecrets', () => {
  it('removes each secret, raw and percent-encoded, longest first', () => {
    const text = 'auth failed for s3cr3t/pass and s3cr3t%2Fpass, token abcdef, abc stays';
    expect(redactSecrets(text, ['s3cr3t/pass', 'abcdef', 'abc'])).toBe('auth failed for *** and ***, token ***, abc stays');
  });

  it('leaves very short values alone so a message stays readable', () => {
    expect(redactSecrets('a b c', ['a'])).toBe('a b c');
  });
});

describe('secretsOf', () => {
  it('collects the secret variables and passwords of URLs on the command line', () => {
    const secrets = secretsOf(
      { OPENSEARCH_PASSWORD: 'pw-env', AWS_SECRET_ACCESS_KEY: 'aws-secret', AWS_REGION: 'eu-west-1', OPENSEARCH_USERNAME: 'gdlens' },
      ['--opensearch', 'https://gdlens:p%40ss@host:9200', '--prefix=x'],
    );
    expect(secrets).toEqual(expect.arrayContaining(['pw-env', 'aws-secret', 'p%40ss', 'p@ss']));
    expect(secrets).not.toContain('eu-west-1');
    expect(secrets).not.toContain('gdlens');
  });
});
