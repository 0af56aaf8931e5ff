/** Base of every error the worker raises on purpose; `context` says where (file, line, index, id). */
export class IngestError extends Error {
  override readonly name: string = 'IngestError';

  constructor(
    message: string,
    readonly context: Readonly<Record<string, unknown>> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A command line the CLI cannot act on; the CLI exits with status 1. */
export class UsageError extends IngestError {
  override readonly name = 'UsageError';
}

/** A setting that is missing or invalid; the message names the setting. */
export class ConfigError extends IngestError {
  override readonly name = 'ConfigError';
}
