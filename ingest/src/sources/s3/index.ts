export { s3ClientConfig, s3ClientFromSettings, type S3ClientSettings } from './client';
export { listObjectPages } from './list';
export { decodeListedKey, objectUri, parseS3Url, skipReason, type S3Location } from './location';
export { S3Poller, type PollSummary, type S3PollerOptions } from './poller';
export { isGone, isReadFailure, keepLease, S3ReadError, writeObjectRecords, type RecordSink } from './read';
export { existingStateDecision, ObjectStateStore, objectStateId, parseState, type Claim, type ClaimResult, type ObjectState, type ObjectVersion } from './state';
