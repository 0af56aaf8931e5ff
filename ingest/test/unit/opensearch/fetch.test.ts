import { IngestError } from '../../../src/errors';
import { OpenSearchClient } from '../../../src/opensearch/client';
import { clientFetch } from '../../../src/opensearch/fetch';

describe('clientFetch', () => {
  it('refuses URLs outside the configured cluster, before sending anything', async () => {
    const client = new OpenSearchClient({ url: 'https://user:secret-pw@search.example:9200/base/' });
    try {
      expect(client.displayUrl).toBe('https://search.example:9200/base');
      const fetchImpl = clientFetch(client);
      await expect(fetchImpl('https://elsewhere.example/_msearch', { method: 'POST', body: '{}\n' })).rejects.toThrow(IngestError);
      await expect(fetchImpl('https://search.example:9200/basement/_search')).rejects.toThrow(/outside the configured cluster https:\/\/search\.example:9200\/base$/);
    } finally {
      client.close();
    }
  });
});
