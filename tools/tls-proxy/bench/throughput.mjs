#!/usr/bin/env node
// Start time of the TLS + basic-auth proxy, and GET / per second through it against the same
// OpenSearch reached directly (one keep-alive connection each, sequential, loopback only).
// Run after `npx tsc -b tools/tls-proxy`:
//   OPENSEARCH_URL=http://127.0.0.1:9200 node tools/tls-proxy/bench/throughput.mjs [--seconds 10]
import http from 'node:http';
import https from 'node:https';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { startTlsProxy } = require('../dist/index.js');

const upstream = process.env.OPENSEARCH_URL;
if (!upstream) throw new Error('set OPENSEARCH_URL to a running OpenSearch');
const secondsArg = process.argv.indexOf('--seconds');
const seconds = secondsArg > 0 ? Number(process.argv[secondsArg + 1]) : 10;
const MAX_ITERATIONS = 20_000;

function get(url, options) {
  return new Promise((resolve, reject) => {
    const req = (url.startsWith('https:') ? https : http).request(url, options, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`))));
    });
    req.once('error', reject);
    req.end();
  });
}

async function rate(url, options) {
  for (let i = 0; i < 20; i++) await get(url, options);
  const startedAt = process.hrtime.bigint();
  let done = 0;
  while (done < MAX_ITERATIONS && Number(process.hrtime.bigint() - startedAt) / 1e9 < seconds) {
    await get(url, options);
    done++;
  }
  const elapsedS = Number(process.hrtime.bigint() - startedAt) / 1e9;
  return +(done / elapsedS).toFixed(1);
}

const proxy = await startTlsProxy({ upstream, username: 'bench', password: 'bench-password' });
try {
  const direct = await rate(`${upstream.replace(/\/$/, '')}/`, { agent: new http.Agent({ keepAlive: true, maxSockets: 1 }) });
  const proxied = await rate(`${proxy.url}/`, {
    agent: new https.Agent({ keepAlive: true, maxSockets: 1, ca: proxy.caPem }),
    headers: { authorization: `Basic ${Buffer.from('bench:bench-password').toString('base64')}` },
  });
  process.stdout.write(`${JSON.stringify({ seconds, proxyStartMs: proxy.startMs, getRootPerSecond: { direct, proxied, ratio: +(proxied / direct).toFixed(2) } }, null, 2)}\n`);
} finally {
  await proxy.stop();
}
