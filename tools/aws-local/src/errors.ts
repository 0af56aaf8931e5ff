/** Raised when a local AWS stand-in cannot be built, started or reached. */
export class AwsLocalError extends Error {
  override readonly name = 'AwsLocalError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(`aws-local: ${message}`, options);
  }
}
