/** Raised when the local OpenSearch node cannot be built, started or reached. */
export class OpenSearchLocalError extends Error {
  override readonly name = 'OpenSearchLocalError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(`opensearch-local: ${message}`, options);
  }
}
