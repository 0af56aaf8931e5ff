// Message bodies as AWS delivers them to a queue, field for field (values invented), for the SQS
// source's unit and integration tests. Shapes: the S3 event notification message structure
// (eventVersion 2.1), the SNS HTTP/SQS notification envelope, and S3's EventBridge "Object Created"
// event. Keys in S3's own notifications are URL-encoded like form values.

const ACCOUNT = '123456789012';

export interface ObjectFacts {
  readonly bucket: string;
  readonly key: string;
  readonly etag: string;
  readonly sizeBytes: number;
}

/** `red flower+x.json` → `red+flower%2Bx.json`, as S3 writes keys into notifications. */
export function notificationKey(key: string): string {
  return encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/');
}

function s3Record(object: ObjectFacts, eventName: string, sequencer: string): Record<string, unknown> {
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: 'us-east-1',
    eventTime: '2026-01-02T03:04:05.678Z',
    eventName,
    userIdentity: { principalId: 'AWS:AROAEXAMPLEROLEID:GuardDutyExport' },
    requestParameters: { sourceIPAddress: '10.0.12.34' },
    responseElements: { 'x-amz-request-id': 'C3D13FE58DE4C810', 'x-amz-id-2': 'FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD' },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'gdlens-ingest',
      bucket: { name: object.bucket, ownerIdentity: { principalId: 'A3NL1KOZZKExample' }, arn: `arn:aws:s3:::${object.bucket}` },
      object: eventName.startsWith('ObjectRemoved')
        ? { key: notificationKey(object.key), sequencer }
        : { key: notificationKey(object.key), size: object.sizeBytes, eTag: object.etag, sequencer },
    },
  };
}

/** The body S3 sends straight to a queue (or SNS sends with raw message delivery). */
export function s3Notification(objects: readonly ObjectFacts[], eventName = 'ObjectCreated:Put'): string {
  return JSON.stringify({ Records: objects.map((object, i) => s3Record(object, eventName, `0065A1B2C3D4E5F6${String(i).padStart(2, '0')}`)) });
}

/** The message S3 sends once when a notification configuration is saved. */
export function s3TestEvent(bucket: string): string {
  return JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent', Time: '2026-01-02T03:00:00.000Z', Bucket: bucket, RequestId: '5582815E1AEA5ADF', HostId: '8cLeGAmw098X5cv4Zkwcmo8vvZa3eH3eKxsPzbB9wrR+YstdA6Knx4Ip8EXAMPLE' });
}

/** An SNS notification as an SQS subscriber receives it without raw delivery: the S3 message is a string inside. */
export function snsEnvelope(message: string, messageId = '95df01b4-ee98-5cb9-9903-4c221d41eb5e'): string {
  return JSON.stringify({
    Type: 'Notification',
    MessageId: messageId,
    TopicArn: `arn:aws:sns:us-east-1:${ACCOUNT}:gdlens-s3-events`,
    Subject: 'Amazon S3 Notification',
    Message: message,
    Timestamp: '2026-01-02T03:04:06.012Z',
    SignatureVersion: '1',
    Signature: 'EXAMPLEpH+DcEwjAPg8O9mY8dReBSwksfg2S7WKQcikcNKWLQjwu6A4VbeS0QHVCkhRS7fUQvi2egU3N858fiTDN6bkkOxYDVrY0Ad8L10Hs3zH81mtnPk5uvvolIC1CXGu43obcgFxeL3khZl8IKvO61GWB6jI9b5+gLPoBc1Q=',
    SigningCertURL: 'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem',
    UnsubscribeURL: `https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=arn:aws:sns:us-east-1:${ACCOUNT}:gdlens-s3-events:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55`,
  });
}

/** S3's "Object Created" event as an EventBridge rule delivers it to a queue; the key is not URL-encoded here. */
export function eventBridgeObjectCreated(object: ObjectFacts, id = '17793124-05d4-b198-2fde-7ededc63b103'): string {
  return JSON.stringify({
    version: '0',
    id,
    'detail-type': 'Object Created',
    source: 'aws.s3',
    account: ACCOUNT,
    time: '2026-01-02T03:04:05Z',
    region: 'us-east-1',
    resources: [`arn:aws:s3:::${object.bucket}`],
    detail: {
      version: '0',
      bucket: { name: object.bucket },
      object: { key: object.key, size: object.sizeBytes, etag: object.etag, sequencer: '0065A1B2C3D4E5F600' },
      'request-id': 'N4N7GDK58NMKJ12R',
      requester: ACCOUNT,
      'source-ip-address': '10.0.12.34',
      reason: 'PutObject',
    },
  });
}
