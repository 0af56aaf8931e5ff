import { dateTime } from '@grafana/data';
import { escapeLucenePhrase, escapeLuceneTerm, exploreUrl, luceneFieldQuery } from './explore';

describe('Lucene escaping', () => {
  it('escapes only backslash and double quote inside a phrase', () => {
    expect(escapeLucenePhrase('Backdoor:EC2/C&CActivity.B!DNS')).toBe('Backdoor:EC2/C&CActivity.B!DNS');
    expect(escapeLucenePhrase('a "quoted" \\ path')).toBe('a \\"quoted\\" \\\\ path');
  });

  it('escapes every syntax character in a bare term', () => {
    expect(escapeLuceneTerm('a:b/c (d) [e] {f} +g -h ~i *j ?k ^l !m &n |o "p" \\q')).toBe(
      'a\\:b\\/c\\ \\(d\\)\\ \\[e\\]\\ \\{f\\}\\ \\+g\\ \\-h\\ \\~i\\ \\*j\\ \\?k\\ \\^l\\ \\!m\\ \\&n\\ \\|o\\ \\"p\\"\\ \\\\q'
    );
  });

  it('builds field:"value" queries', () => {
    expect(luceneFieldQuery('finding_type', 'Trojan:EC2/DNSDataExfiltration!DNS')).toBe('finding_type:"Trojan:EC2/DNSDataExfiltration!DNS"');
    expect(luceneFieldQuery('detail.type', 'x"y')).toBe('detail.type:"x\\"y"');
  });
});

describe('exploreUrl', () => {
  it('builds Grafana Explore pane state with the data source, the query and the range', () => {
    const url = exploreUrl({ type: 'grafana-opensearch-datasource', uid: 'gdlens-findings' }, 'finding_type:"A:EC2/b"', { from: 'now-7d', to: 'now' });
    const parsed = new URL(url, 'http://grafana.local');
    expect(parsed.pathname).toBe('/explore');
    expect(parsed.searchParams.get('schemaVersion')).toBe('1');
    const panes = JSON.parse(parsed.searchParams.get('panes') ?? '{}') as Record<string, { datasource: string; queries: Array<Record<string, unknown>>; range: unknown }>;
    const pane = Object.values(panes)[0]!;
    expect(pane.datasource).toBe('gdlens-findings');
    expect(pane.range).toEqual({ from: 'now-7d', to: 'now' });
    expect(pane.queries[0]).toMatchObject({
      refId: 'A',
      datasource: { type: 'grafana-opensearch-datasource', uid: 'gdlens-findings' },
      queryType: 'lucene',
      query: 'finding_type:"A:EC2/b"',
      metrics: [{ type: 'raw_data' }],
    });
  });

  it('writes absolute ranges as epoch milliseconds', () => {
    const url = exploreUrl({ uid: 'x' }, '*', { from: dateTime(1_700_000_000_000), to: dateTime(1_700_003_600_000) });
    const panes = JSON.parse(new URL(url, 'http://grafana.local').searchParams.get('panes') ?? '{}') as Record<string, { range: unknown }>;
    expect(Object.values(panes)[0]!.range).toEqual({ from: '1700000000000', to: '1700003600000' });
  });
});
