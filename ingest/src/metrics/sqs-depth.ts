import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { QueueDepth } from '../sink/heartbeat';

const DEPTH_ATTRIBUTES = ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'] as const;

/** SQS answers attribute values as strings; a missing or odd one counts as 0 rather than failing a heartbeat. */
export function queueDepthOf(queue: string, attributes: Readonly<Record<string, string | undefined>> | undefined): QueueDepth {
  const count = (name: (typeof DEPTH_ATTRIBUTES)[number]): number => {
    const value = Number(attributes?.[name]);
    return Number.isFinite(value) && value >= 0 ? value : 0;
  };
  return { queue, visible: count('ApproximateNumberOfMessages'), inFlight: count('ApproximateNumberOfMessagesNotVisible'), delayed: count('ApproximateNumberOfMessagesDelayed') };
}

/** One GetQueueAttributes call (needs `sqs:GetQueueAttributes`, which the worker has for the redrive policy anyway). */
export async function readQueueDepth(sqs: SQSClient, queueUrl: string): Promise<QueueDepth> {
  const reply = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: [...DEPTH_ATTRIBUTES] }));
  return queueDepthOf(queueUrl, reply.Attributes);
}
