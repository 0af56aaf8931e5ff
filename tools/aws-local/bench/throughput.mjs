#!/usr/bin/env node
// Start time and a simple throughput figure for each local AWS stand-in, on loopback only.
// Every loop is bounded by a count and by time. Run after `npx tsc -b tools/aws-local`:
//   node tools/aws-local/bench/throughput.mjs [--seconds 10]
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateQueueCommand, DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';

const require = createRequire(import.meta.url);
const { startS3, startSqs } = require('../dist/index.js');

const secondsArg = process.argv.indexOf('--seconds');
const seconds = secondsArg > 0 ? Number(process.argv[secondsArg + 1]) : 10;
const MAX_ITERATIONS = 5_000;

/** Runs `step` sequentially until `seconds` pass or MAX_ITERATIONS; returns operations per second. */
async function rate(step) {
  // A short warm-up so the first, class-loading requests do not count.
  for (let i = 0; i < 20; i++) await step(-1 - i);
  const startedAt = process.hrtime.bigint();
  let done = 0;
  while (done < MAX_ITERATIONS && Number(process.hrtime.bigint() - startedAt) / 1e9 < seconds) await step(done++);
  const elapsedS = Number(process.hrtime.bigint() - startedAt) / 1e9;
  return { iterations: done, elapsedS: +elapsedS.toFixed(2), perSecond: +(done / elapsedS).toFixed(1) };
}

const results = {};

const s3Server = await startS3();
results.s3 = { server: 'S3Mock 5.2.0', startMs: s3Server.startMs };
try {
  const s3 = new S3Client({ endpoint: s3Server.endpoint, region: s3Server.region, credentials: s3Server.credentials, forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: 'bench' }));
  const body = randomBytes(10 * 1024);
  results.s3.putGet10KiB = await rate(async (i) => {
    const key = `AWSLogs/123456789012/GuardDuty/us-east-1/2026/01/02/${i}.jsonl.gz`;
    await s3.send(new PutObjectCommand({ Bucket: 'bench', Key: key, Body: body }));
    const reply = await s3.send(new GetObjectCommand({ Bucket: 'bench', Key: key }));
    const bytes = await reply.Body.transformToByteArray();
    if (bytes.length !== body.length) throw new Error(`short read for ${key}`);
  });
  s3.destroy();
} finally {
  await s3Server.stop();
}

const sqsServer = await startSqs();
results.sqs = { server: 'ElasticMQ 1.7.1', startMs: sqsServer.startMs };
try {
  const sqs = new SQSClient({ endpoint: sqsServer.endpoint, region: sqsServer.region, credentials: sqsServer.credentials });
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'bench' }));
  const messageBody = JSON.stringify({ Records: [{ eventSource: 'aws:s3', s3: { bucket: { name: 'b' }, object: { key: 'k'.repeat(100) } } }] });
  results.sqs.sendReceiveDelete = await rate(async () => {
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: messageBody }));
    const reply = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1 }));
    const message = reply.Messages?.[0];
    if (!message) throw new Error('no message received');
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: message.ReceiptHandle }));
  });
  sqs.destroy();
} finally {
  await sqsServer.stop();
}

process.stdout.write(`${JSON.stringify({ seconds, node: process.version, results }, null, 2)}\n`);
