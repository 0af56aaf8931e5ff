import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { ChangeMessageVisibilityBatchCommand, DeleteMessageBatchCommand, ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import { IngestError } from '../../errors';
import { recordsFromValue } from '../files';
import { CountingSink, isGone, isReadFailure, keepLease, messageOf, S3ReadError, writeObjectRecords, type RecordSink } from '../s3/read';
import { objectUri, skipReason } from '../s3/location';
import { objectStateId, type Claim, type ObjectStateStore, type ObjectVersion } from '../s3/state';
import { contentId, decodeMessage, type NotifiedObject } from './messages';
import { retryVisibilityS } from './redrive';

/** The queue could not be read or acknowledged (as opposed to an object or the store). */
export class SqsError extends IngestError {
  override readonly name = 'SqsError';
}

export interface SqsConsumerOptions {
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  readonly s3: S3Client;
  /** The same state index as the S3 poller's: an object notified twice (or also polled) is read once. */
  readonly state: ObjectStateStore;
  readonly sink: RecordSink;
  /** Receives after which a message that still fails is dead-lettered: the queue's `maxReceiveCount`, or `--max-receives`. */
  readonly maxReceives: number;
  /**
   * True when the queue has no dead-letter queue of its own: a message dead-lettered in the store
   * is then deleted, since nothing else would ever take it out of the queue.
   */
  readonly deleteDeadLettered: boolean;
  /** How long a received message stays hidden; also the first retry's back-off. */
  readonly visibilityTimeoutS: number;
  /** Long-poll wait of each receive, 0–20 s. */
  readonly waitTimeS: number;
  /** Messages per receive, 1–10. @defaultValue 10 */
  readonly batchSize?: number;
  readonly signal?: AbortSignal;
  readonly log?: (line: string) => void;
}

/** What one receive did, message by message and object by object. */
export interface ReceiveSummary {
  received: number;
  /** Messages deleted: their records are stored (or dead-lettered), or they named nothing to read. */
  deleted: number;
  /** Messages left in the queue for a later try, hidden for a growing back-off. */
  retried: number;
  /** Messages given up on after `maxReceives` receives (a dead letter in the store). */
  deadLettered: number;
  /** Messages that needed nothing (`s3:TestEvent`, deletions only). */
  skipped: number;
  /** Objects read by this worker. */
  objectsRead: number;
  /** Objects already done (a duplicate notification, or the S3 poller got there first). */
  objectsAlreadyDone: number;
  /** Records written: the objects' and the events'. */
  records: number;
}

type MessageOutcome = 'done' | 'retry' | 'dead-letter' | 'stopped';

interface HeldObject {
  readonly claim: Claim;
  readonly lease: { stop(): Promise<Claim> };
  readonly records: number;
  readonly outcome: 'read' | 'skipped' | 'gone';
  readonly reason?: string;
}

const MAX_BATCH = 10;

/**
 * One worker's reader of a queue of S3 notifications (or EventBridge events). A receive takes up
 * to ten messages, reads the objects they name (claimed in the shared state index, as the S3 poller
 * does) and the events they carry into the sink, flushes once, marks the objects done and only
 * then deletes the messages. A message that fails stays in the queue, hidden for a back-off that
 * doubles on each receive; on its last receive it becomes a dead letter in the store, and the
 * queue's redrive policy moves it to the dead-letter queue.
 */
export class SqsConsumer {
  private readonly batchSize: number;
  private readonly log: (line: string) => void;
  private readonly queueName: string;

  constructor(private readonly options: SqsConsumerOptions) {
    this.batchSize = options.batchSize ?? MAX_BATCH;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1 || this.batchSize > MAX_BATCH) throw new RangeError(`sqs consumer: batchSize must be a whole number from 1 to ${MAX_BATCH}`);
    if (!Number.isInteger(options.waitTimeS) || options.waitTimeS < 0 || options.waitTimeS > 20) throw new RangeError('sqs consumer: waitTimeS must be a whole number from 0 to 20');
    if (!Number.isInteger(options.maxReceives) || options.maxReceives < 1) throw new RangeError('sqs consumer: maxReceives must be a whole number of at least 1');
    this.log = options.log ?? (() => undefined);
    this.queueName = options.queueUrl.split('/').pop() ?? options.queueUrl;
  }

  /**
   * Receives one batch and deals with every message in it. Throws `SqsError` when the queue
   * cannot be read or acknowledged, and the sink's error when records cannot be stored (the
   * messages then stay in the queue and come back after their visibility timeout).
   */
  async receiveOnce(): Promise<ReceiveSummary> {
    const summary: ReceiveSummary = { received: 0, deleted: 0, retried: 0, deadLettered: 0, skipped: 0, objectsRead: 0, objectsAlreadyDone: 0, records: 0 };
    const messages = await this.receive();
    summary.received = messages.length;
    if (messages.length === 0) return summary;
    const outcomes = new Map<Message, MessageOutcome>();
    const held: HeldObject[] = [];
    const unprocessed: Message[] = [];
    try {
      for (const message of messages) {
        if (this.options.signal?.aborted) {
          unprocessed.push(message);
          continue;
        }
        outcomes.set(message, await this.processMessage(message, held, summary));
      }
      // One flush for the whole batch: objects are marked done and messages deleted only after it.
      await this.options.sink.flush();
    } catch (error) {
      // The sink failed: nothing of this batch is acknowledged, every claim is given back.
      for (const object of held) await this.options.state.release(await object.lease.stop()).catch(() => undefined);
      throw error;
    }
    for (const object of held) {
      await this.options.state.complete(await object.lease.stop(), { records: object.records, outcome: object.outcome, ...(object.reason === undefined ? {} : { reason: object.reason }) });
    }
    const toDelete: Message[] = [];
    const toHide: Array<{ message: Message; seconds: number }> = unprocessed.map((message) => ({ message, seconds: 0 }));
    for (const [message, outcome] of outcomes) {
      if (outcome === 'stopped') toHide.push({ message, seconds: 0 });
      else if (outcome === 'done' || (outcome === 'dead-letter' && this.options.deleteDeadLettered)) toDelete.push(message);
      else toHide.push({ message, seconds: retryVisibilityS(this.options.visibilityTimeoutS, receiveCount(message)) });
      if (outcome === 'retry') summary.retried += 1;
      if (outcome === 'dead-letter') summary.deadLettered += 1;
    }
    await this.deleteMessages(toDelete);
    summary.deleted = toDelete.length;
    await this.hideMessages(toHide);
    return summary;
  }

  private async receive(): Promise<Message[]> {
    const { sqs, queueUrl, signal } = this.options;
    try {
      const reply = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: this.batchSize,
          WaitTimeSeconds: this.options.waitTimeS,
          VisibilityTimeout: this.options.visibilityTimeoutS,
          MessageSystemAttributeNames: ['ApproximateReceiveCount'],
        }),
        signal ? { abortSignal: signal } : {},
      );
      return reply.Messages ?? [];
    } catch (error) {
      if (signal?.aborted) return [];
      throw new SqsError(`cannot receive from ${queueUrl}: ${messageOf(error)}`, { queue: queueUrl }, { cause: error });
    }
  }

  /** Reads what one message names into the sink (unflushed); claims it makes are added to `held`. */
  private async processMessage(message: Message, held: HeldObject[], summary: ReceiveSummary): Promise<MessageOutcome> {
    const body = message.Body ?? '';
    const decoded = decodeMessage(body);
    const origin = { file: `sqs-message:${contentId(body)}`, line: 1 };
    switch (decoded.kind) {
      case 'skip':
        this.log(`message ${message.MessageId ?? '?'}: skipped, ${decoded.reason}`);
        await this.options.sink.write({ kind: 'skipped', reason: decoded.reason, origin });
        summary.skipped += 1;
        return 'done';
      case 'event': {
        // Every write is idempotent by the records' own ids, so a duplicate event needs no claim.
        const records = recordsFromValue(decoded.event, { file: `eventbridge:${decoded.eventId}`, line: 1 });
        for (const record of records) await this.options.sink.write(record);
        summary.records += records.length;
        return 'done';
      }
      case 'undecodable':
        return this.failed(message, `not a message gdlens can read: ${decoded.reason}`, origin);
      case 'objects': {
        let outcome: MessageOutcome = 'done';
        for (const notified of decoded.objects) {
          const result = await this.processObject(notified, held);
          if (result.kind === 'read') {
            summary.objectsRead += 1;
            summary.records += result.records;
          } else if (result.kind === 'done') summary.objectsAlreadyDone += 1;
          else if (result.kind === 'busy') outcome = 'retry';
          else if (result.kind === 'stopped') return 'stopped';
          else if (result.kind === 'failed') return this.failed(message, result.reason, origin);
        }
        return outcome;
      }
    }
  }

  /** A message that cannot be completed: retried, or on its last receive dead-lettered in the store. */
  private async failed(message: Message, reason: string, origin: { file: string; line: number }): Promise<MessageOutcome> {
    const receives = receiveCount(message);
    if (receives < this.options.maxReceives) {
      this.log(`message ${message.MessageId ?? '?'}: ${reason}; receive ${receives} of ${this.options.maxReceives}, tried again later`);
      return 'retry';
    }
    const where = this.options.deleteDeadLettered ? 'deleted from the queue (it has no redrive policy)' : "left for the queue's redrive policy";
    this.log(`message ${message.MessageId ?? '?'}: ${reason}; receive ${receives} of ${this.options.maxReceives}: dead-lettered, ${where}`);
    await this.options.sink.write({ kind: 'rejected', reason: `queue ${this.queueName}, after ${receives} receives: ${reason}`, raw: message.Body ?? '', origin });
    return 'dead-letter';
  }

  private async processObject(
    notified: NotifiedObject,
    held: HeldObject[],
  ): Promise<{ kind: 'read'; records: number } | { kind: 'done' } | { kind: 'busy' } | { kind: 'stopped' } | { kind: 'failed'; reason: string }> {
    const { state, sink, s3, signal } = this.options;
    const uri = objectUri(notified.bucket, notified.key);
    let object: ObjectVersion;
    try {
      object = await this.version(notified);
    } catch (error) {
      // Deleted since the notification: nothing left to read, as the poller's "gone".
      if (isGone(error)) return { kind: 'done' };
      return { kind: 'failed', reason: messageOf(error) };
    }
    // The same object twice in one batch (a duplicate delivery received together with the original).
    if (held.some((h) => h.claim.id === objectStateId(object))) return { kind: 'done' };
    const claimed = await state.claim(object);
    if (claimed.kind === 'done') return { kind: 'done' };
    if (claimed.kind === 'busy') return { kind: 'busy' };
    const { claim } = claimed;
    const lease = keepLease(state, claim, this.log);
    const reason = skipReason(object.key, object.sizeBytes);
    if (reason !== undefined) {
      await sink.write({ kind: 'skipped', reason, origin: { file: uri, line: 1 } });
      held.push({ claim, lease, records: 1, outcome: 'skipped', reason });
      return { kind: 'read', records: 1 };
    }
    const counting = new CountingSink(sink);
    try {
      await writeObjectRecords(s3, object, counting, signal);
    } catch (error) {
      if (isGone(error)) {
        held.push({ claim, lease, records: counting.records, outcome: 'gone', reason: messageOf(error) });
        this.log(`${uri}: gone since it was notified (${messageOf(error)})`);
        return { kind: 'read', records: counting.records };
      }
      await state.release(await lease.stop()).catch(() => undefined);
      if (!isReadFailure(error)) throw error;
      // Stopped during the read: not the object's fault, so no back-off and no receive spent on it.
      if (signal?.aborted) return { kind: 'stopped' };
      return { kind: 'failed', reason: messageOf(error) };
    }
    held.push({ claim, lease, records: counting.records, outcome: 'read' });
    this.log(`${uri}: ${counting.records} records${claim.tookOver ? ' (claim taken over from a worker whose lease ran out)' : ''}`);
    return { kind: 'read', records: counting.records };
  }

  /** The object version a notification names; a HEAD fills in what the notification lacks. */
  private async version(notified: NotifiedObject): Promise<ObjectVersion> {
    if (notified.etag !== undefined && notified.sizeBytes !== undefined) return { bucket: notified.bucket, key: notified.key, etag: notified.etag, sizeBytes: notified.sizeBytes };
    const uri = objectUri(notified.bucket, notified.key);
    try {
      const head = await this.options.s3.send(new HeadObjectCommand({ Bucket: notified.bucket, Key: notified.key }));
      return { bucket: notified.bucket, key: notified.key, etag: notified.etag ?? (head.ETag ?? '').replace(/"/g, ''), sizeBytes: notified.sizeBytes ?? head.ContentLength ?? 0 };
    } catch (error) {
      throw new S3ReadError(`cannot head ${uri}: ${messageOf(error)}`, { file: uri }, { cause: error });
    }
  }

  private async deleteMessages(messages: readonly Message[]): Promise<void> {
    if (messages.length === 0) return;
    const { sqs, queueUrl } = this.options;
    let reply;
    try {
      reply = await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })) }));
    } catch (error) {
      throw new SqsError(`cannot delete messages from ${queueUrl}: ${messageOf(error)}`, { queue: queueUrl }, { cause: error });
    }
    // A failed delete only means a redelivery: the objects are marked done, so it costs a claim lookup.
    for (const failure of reply.Failed ?? []) this.log(`message not deleted (${failure.Code ?? '?'}: ${failure.Message ?? ''}); it will come back and be found done`);
  }

  private async hideMessages(entries: ReadonlyArray<{ message: Message; seconds: number }>): Promise<void> {
    if (entries.length === 0) return;
    const { sqs, queueUrl } = this.options;
    try {
      await sqs.send(
        new ChangeMessageVisibilityBatchCommand({
          QueueUrl: queueUrl,
          Entries: entries.map(({ message, seconds }, i) => ({ Id: String(i), ReceiptHandle: message.ReceiptHandle, VisibilityTimeout: seconds })),
        }),
      );
    } catch (error) {
      // Not fatal: the message keeps the visibility timeout it was received with.
      this.log(`cannot change visibility of ${entries.length} messages: ${messageOf(error)}`);
    }
  }
}

function receiveCount(message: Message): number {
  const count = Number(message.Attributes?.ApproximateReceiveCount ?? '1');
  return Number.isInteger(count) && count > 0 ? count : 1;
}
