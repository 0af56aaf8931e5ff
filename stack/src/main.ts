#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { runStack } from './start';

const USAGE = `usage: npm start -- [--port 9200] [--opensearch URL] [--prefix gdlens] [--inbox ./inbox]
                    [--findings 3000] [--cloudtrail 600] [--seed 7] [--once]

Runs gdlens without Docker: a local OpenSearch node (unless --opensearch or OPENSEARCH_URL names
one), gdlens setup, the worker watching --inbox, gdlens demo, then a terminal summary of what the
dashboards show and which alerts fire. --once stops after the summary.`;

function wholeNumber(text: string | undefined, fallback: number, flag: string): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${flag} must be a whole number, got '${text}'`);
  return value;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      opensearch: { type: 'string' },
      prefix: { type: 'string' },
      inbox: { type: 'string' },
      findings: { type: 'string' },
      cloudtrail: { type: 'string' },
      seed: { type: 'string' },
      once: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const controller = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => controller.abort());
  const opensearchUrl = values.opensearch ?? process.env['OPENSEARCH_URL'];
  await runStack(
    {
      ...(opensearchUrl === undefined ? {} : { opensearchUrl }),
      port: wholeNumber(values.port, 9200, '--port'),
      prefix: values.prefix ?? 'gdlens',
      inbox: values.inbox ?? 'inbox',
      once: values.once === true,
      seed: wholeNumber(values.seed, 7, '--seed'),
      findings: wholeNumber(values.findings, 3000, '--findings'),
      cloudtrail: wholeNumber(values.cloudtrail, 600, '--cloudtrail'),
    },
    { stdout: process.stdout, stderr: process.stderr, env: process.env, now: Date.now, signal: controller.signal },
  );
  return 0;
}

main().then(
  (status) => (process.exitCode = status),
  (error: unknown) => {
    process.stderr.write(`npm start: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    process.exitCode = 1;
  },
);
