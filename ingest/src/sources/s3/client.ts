import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';

/** Where the S3 client's settings come from: the standard AWS variables, and an endpoint flag for tests and S3-compatible stores. */
export interface S3ClientSettings {
  /** `--s3-endpoint`; wins over `AWS_ENDPOINT_URL_S3` and `AWS_ENDPOINT_URL`. */
  readonly endpoint?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * The S3 client configuration: region from `AWS_REGION`/`AWS_DEFAULT_REGION`, keys from
 * `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`/`AWS_SESSION_TOKEN` when set (otherwise the SDK's
 * default chain: profile, web identity, container or instance role). Path-style addressing
 * whenever an endpoint is given, since local and S3-compatible servers rarely resolve
 * `<bucket>.<host>` names.
 */
export function s3ClientConfig(settings: S3ClientSettings): S3ClientConfig {
  const { env } = settings;
  const endpoint = settings.endpoint ?? env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL;
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  return {
    ...(region ? { region } : {}),
    ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
    ...(accessKeyId && secretAccessKey
      ? { credentials: { accessKeyId, secretAccessKey, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) } }
      : {}),
  };
}

/** A client built from {@link s3ClientConfig}; the caller destroys it. */
export function s3ClientFromSettings(settings: S3ClientSettings): S3Client {
  return new S3Client(s3ClientConfig(settings));
}
