import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  Message,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { randomUUID } from 'node:crypto';
import { RunningSqs, startSqs } from '../../src';

let server: RunningSqs;
let sqs: SQSClient;

beforeAll(async () => {
  server = await startSqs();
  sqs = new SQSClient({ endpoint: server.endpoint, region: server.region, credentials: server.credentials });
  // The first start on a machine also resolves the server's jars with Maven.
}, 240_000);

afterAll(async () => {
  sqs?.destroy();
  await server?.stop();
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function newQueue(attributes: Record<string, string> = {}): Promise<{ url: string; arn: string }> {
  const reply = await sqs.send(new CreateQueueCommand({ QueueName: `gdlens-${randomUUID().slice(0, 8)}`, Attributes: attributes }));
  const url = reply.QueueUrl ?? '';
  const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
  return { url, arn: attrs.Attributes?.QueueArn ?? '' };
}

async function receive(queueUrl: string, waitSeconds = 0, max = 1): Promise<Message[]> {
  const reply = await sqs.send(
    new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: waitSeconds, MaxNumberOfMessages: max, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }),
  );
  return reply.Messages ?? [];
}

/** The body S3 sends to SQS for an object-created event (trimmed to the fields a reader uses). */
function s3EventBody(bucket: string, encodedKey: string): string {
  return JSON.stringify({
    Records: [{ eventVersion: '2.1', eventSource: 'aws:s3', eventName: 'ObjectCreated:Put', s3: { bucket: { name: bucket }, object: { key: encodedKey, size: 1234 } } }],
  });
}

test('queue URLs and ARNs carry the configured account and region', async () => {
  const queue = await newQueue();
  expect(queue.url.startsWith(`${server.endpoint}/${server.accountId}/gdlens-`)).toBe(true);
  expect(queue.arn).toMatch(new RegExp(`^arn:aws:sqs:${server.region}:${server.accountId}:gdlens-`));
});

test('a received message stays hidden for its visibility timeout, comes back, and is gone once deleted', async () => {
  const queue = await newQueue({ VisibilityTimeout: '1' });
  const body = s3EventBody('export-bucket', 'AWSLogs/123456789012/GuardDuty/us-east-1/2026/01/02/a+b%3Dc.jsonl.gz');
  const sent = await sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: body }));

  const [first] = await receive(queue.url, 1);
  expect(first?.MessageId).toBe(sent.MessageId);
  expect(first?.Body).toBe(body);
  expect(first?.Attributes?.ApproximateReceiveCount).toBe('1');
  expect(await receive(queue.url)).toEqual([]);

  await sleep(1_500);
  const [second] = await receive(queue.url, 1);
  expect(second?.MessageId).toBe(sent.MessageId);
  expect(second?.Attributes?.ApproximateReceiveCount).toBe('2');
  await sqs.send(new DeleteMessageCommand({ QueueUrl: queue.url, ReceiptHandle: second?.ReceiptHandle }));

  await sleep(1_500);
  expect(await receive(queue.url, 1)).toEqual([]);
});

test('a redrive policy moves a message to the dead-letter queue after maxReceiveCount receives', async () => {
  const deadLetters = await newQueue();
  const queue = await newQueue({ VisibilityTimeout: '1', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: deadLetters.arn, maxReceiveCount: 2 }) });
  await sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'poison' }));

  expect((await receive(queue.url, 1)).map((m) => m.Body)).toEqual(['poison']);
  await sleep(1_300);
  expect((await receive(queue.url, 1)).map((m) => m.Body)).toEqual(['poison']);
  await sleep(1_300);
  // The third receive finds the count exhausted: the message has moved instead of being delivered.
  expect(await receive(queue.url, 1)).toEqual([]);
  expect((await receive(deadLetters.url, 1)).map((m) => m.Body)).toEqual(['poison']);
});

test('long polling returns a message that arrives while the receive waits', async () => {
  const queue = await newQueue();
  const startedAt = Date.now();
  const sendLater = sleep(1_000).then(() => sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'late' })));
  const messages = await receive(queue.url, 10);
  const waitedMs = Date.now() - startedAt;
  await sendLater;
  expect(messages.map((m) => m.Body)).toEqual(['late']);
  // It waited for the message rather than answering empty at once, and did not sit out the full 10 s.
  expect(waitedMs).toBeGreaterThanOrEqual(900);
  expect(waitedMs).toBeLessThan(10_000);
});

test('batches of ten are sent, received and deleted', async () => {
  const queue = await newQueue();
  const bodies = Array.from({ length: 10 }, (_, i) => s3EventBody('export-bucket', `k/${i}.jsonl.gz`));
  const sent = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queue.url, Entries: bodies.map((body, i) => ({ Id: `m${i}`, MessageBody: body })) }));
  expect(sent.Successful?.length).toBe(10);
  expect(sent.Failed ?? []).toEqual([]);

  const received: Message[] = [];
  for (let attempt = 0; attempt < 10 && received.length < 10; attempt++) received.push(...(await receive(queue.url, 1, 10)));
  expect(received.map((m) => m.Body).sort()).toEqual([...bodies].sort());

  const deleted = await sqs.send(
    new DeleteMessageBatchCommand({ QueueUrl: queue.url, Entries: received.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle })) }),
  );
  expect(deleted.Successful?.length).toBe(10);
  const attributes = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
  expect(attributes.Attributes).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
});
