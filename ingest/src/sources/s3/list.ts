import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { decodeListedKey, type S3Location } from './location';
import type { ObjectVersion } from './state';

/** One page of a listing, in key order. */
export type ListedPage = readonly ObjectVersion[];

/**
 * Lists every object under the location, one page (at most `pageSizeKeys`) at a time, following
 * continuation tokens. Keys are asked for URL-encoded, so that a key with characters XML 1.0
 * cannot carry still arrives intact, and decoded here.
 */
export async function* listObjectPages(s3: S3Client, location: S3Location, pageSizeKeys: number, signal?: AbortSignal): AsyncGenerator<ListedPage> {
  let continuationToken: string | undefined;
  do {
    const reply = await s3.send(
      new ListObjectsV2Command({
        Bucket: location.bucket,
        Prefix: location.prefix,
        MaxKeys: pageSizeKeys,
        EncodingType: 'url',
        ...(continuationToken ? { ContinuationToken: continuationToken } : {}),
      }),
      signal ? { abortSignal: signal } : {},
    );
    const page: ObjectVersion[] = [];
    for (const entry of reply.Contents ?? []) {
      if (entry.Key === undefined) continue;
      page.push({ bucket: location.bucket, key: decodeListedKey(entry.Key), etag: (entry.ETag ?? '').replace(/"/g, ''), sizeBytes: entry.Size ?? 0 });
    }
    yield page;
    continuationToken = reply.IsTruncated === true ? reply.NextContinuationToken : undefined;
  } while (continuationToken !== undefined);
}
