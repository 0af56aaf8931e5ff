/** Raised when the TLS proxy cannot be configured, started or reached. */
export class TlsProxyError extends Error {
  override readonly name = 'TlsProxyError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(`tls-proxy: ${message}`, options);
  }
}
