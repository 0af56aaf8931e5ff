export { parseQueueUrl, sqsClientConfig, sqsClientFromSettings, type QueueAddress, type SqsClientSettings } from './client';
export { SqsConsumer, SqsError, type ReceiveSummary, type SqsConsumerOptions } from './consumer';
export { contentId, decodeMessage, type DecodedMessage, type NotifiedObject } from './messages';
export { MAX_VISIBILITY_S, maxReceiveCountOf, queueMaxReceiveCount, retryVisibilityS } from './redrive';
