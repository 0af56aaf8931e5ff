import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';

/** SQS's ceiling on a message's visibility timeout: 12 hours. */
export const MAX_VISIBILITY_S = 43_200;

/**
 * The `maxReceiveCount` of a queue's `RedrivePolicy` attribute (a JSON string), or undefined
 * when the queue has no dead-letter queue (or the policy cannot be read).
 */
export function maxReceiveCountOf(redrivePolicy: string | undefined): number | undefined {
  if (redrivePolicy === undefined || redrivePolicy === '') return undefined;
  try {
    const policy = JSON.parse(redrivePolicy) as { maxReceiveCount?: unknown };
    const count = typeof policy.maxReceiveCount === 'string' ? Number(policy.maxReceiveCount) : policy.maxReceiveCount;
    return typeof count === 'number' && Number.isInteger(count) && count > 0 ? count : undefined;
  } catch {
    return undefined;
  }
}

/** Asks the queue for its redrive policy's `maxReceiveCount`. */
export async function queueMaxReceiveCount(sqs: SQSClient, queueUrl: string): Promise<number | undefined> {
  const reply = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['RedrivePolicy'] }));
  return maxReceiveCountOf(reply.Attributes?.RedrivePolicy);
}

/**
 * How long a message that could not be completed stays hidden before its next try: the
 * visibility timeout, doubled on every receive, so a poison message or a long-held object backs
 * off instead of cycling through the workers.
 */
export function retryVisibilityS(baseS: number, receiveCount: number): number {
  const doublings = Math.min(Math.max(receiveCount - 1, 0), 20);
  return Math.min(Math.max(baseS, 1) * 2 ** doublings, MAX_VISIBILITY_S);
}
