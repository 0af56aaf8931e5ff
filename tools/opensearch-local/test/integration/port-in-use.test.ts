import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OpenSearchLocalError } from '../../src/errors';
import { startOpenSearch } from '../../src/launcher';

/** A server left on the port must not pass for the new node: the launcher refuses to start. */
describe('startOpenSearch on a port that already answers', () => {
  let server: Server;
  let port: number;

  beforeAll(async () => {
    server = createServer((_request, response) => response.end('{"version":{"number":"0.0.0"}}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('throws an OpenSearchLocalError naming the port, without starting a JVM', async () => {
    const attempt = startOpenSearch({ httpPort: port, readyTimeoutMs: 5000 });
    await expect(attempt).rejects.toThrow(OpenSearchLocalError);
    await expect(startOpenSearch({ httpPort: port, readyTimeoutMs: 5000 })).rejects.toThrow(`port ${port} is already in use`);
  });
});
