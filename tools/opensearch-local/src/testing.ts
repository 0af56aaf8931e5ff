import { randomBytes } from 'node:crypto';
import { OpenSearchLocalError } from './errors';

/** The cluster the integration tier runs against; set by the jest global setup. */
export function testOpenSearchUrl(): string {
  const url = process.env.OPENSEARCH_URL;
  if (!url) {
    throw new OpenSearchLocalError('OPENSEARCH_URL is not set: run integration tests through jest.integration.config.js');
  }
  return url.replace(/\/$/, '');
}

/**
 * A lowercase index (or prefix) name unique to this run, so parallel runs and a shared
 * developer cluster never see each other's data.
 */
export function uniqueIndexName(prefix: string): string {
  return `${prefix}-${process.pid}-${randomBytes(4).toString('hex')}`.toLowerCase();
}

/** Sends one JSON (or NDJSON, when `body` is a string) request and returns the parsed reply. */
export async function requestJson<T = unknown>(method: string, url: string, body?: unknown): Promise<{ status: number; body: T }> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    const ndjson = typeof body === 'string';
    init.body = ndjson ? body : JSON.stringify(body);
    init.headers = { 'content-type': ndjson ? 'application/x-ndjson' : 'application/json' };
  }
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}
