import { CreateQueueCommand, ReceiveMessageCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { randomUUID } from 'node:crypto';
import { startSqs, type RunningSqs } from '@gdlens/aws-local';
import { formatExposition } from '../../src/metrics/exposition';
import { readQueueDepth } from '../../src/metrics/sqs-depth';
import { WorkerMetrics } from '../../src/metrics/worker-metrics';
import { Accounting } from '../../src/sink/accounting';
import type { PollState } from '../../src/sink/heartbeat';

let server: RunningSqs;
let sqs: SQSClient;

beforeAll(async () => {
  server = await startSqs();
  sqs = new SQSClient({ endpoint: server.endpoint, region: server.region, credentials: server.credentials });
}, 240_000);

afterAll(async () => {
  sqs?.destroy();
  await server?.stop();
});

describe('SQS queue depth for the heartbeat and /metrics', () => {
  it('reads visible, in-flight and delayed counts from a real queue into gdlens_sqs_messages', async () => {
    const created = await sqs.send(new CreateQueueCommand({ QueueName: `gdlens-depth-${randomUUID().slice(0, 8)}` }));
    const url = created.QueueUrl ?? '';
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: url,
        Entries: [
          { Id: 'a', MessageBody: 'a' },
          { Id: 'b', MessageBody: 'b' },
          { Id: 'c', MessageBody: 'c' },
          { Id: 'd', MessageBody: 'd', DelaySeconds: 600 },
        ],
      }),
    );
    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 1, VisibilityTimeout: 600 }));
    expect(received.Messages?.length).toBe(1);

    const depth = await readQueueDepth(sqs, url);
    expect(depth).toEqual({ queue: url, visible: 2, inFlight: 1, delayed: 1 });

    const poll: PollState = { objectsSeen: 0, polls: 0, queueDepth: depth };
    const text = formatExposition(new WorkerMetrics({ accounting: new Accounting(), now: Date.now, startedMs: 0, poll }).families());
    expect(text).toContain(`gdlens_sqs_messages{queue="${url}",state="visible"} 2\n`);
    expect(text).toContain(`gdlens_sqs_messages{queue="${url}",state="in_flight"} 1\n`);
    expect(text).toContain(`gdlens_sqs_messages{queue="${url}",state="delayed"} 1\n`);
  });
});
