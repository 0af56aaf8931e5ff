export { sqsClientConfig, sqsClientFromSettings, type SqsClientSettings } from './client';
export { parseQueueUrl, type QueueAddress } from './queue-url';
export { SqsConsumer, SqsError, type ReceiveSummary, type SqsConsumerOptions } from './consumer';
export { contentId, decodeMessage, type DecodedMessage, type NotifiedObject } from './messages';
export { MAX_VISIBILITY_S, maxReceiveCountOf, queueMaxReceiveCount, retryVisibilityS } from './redrive';
