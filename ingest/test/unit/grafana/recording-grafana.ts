import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the stand-in received. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

/**
 * A small local HTTP server standing in for Grafana's API (not for OpenSearch): it keeps just
 * enough state (data sources, folders, contact points, the policy tree) to answer the import
 * flow, and records every request for exact assertions.
 */
export class RecordingGrafana {
  readonly requests: RecordedRequest[] = [];
  readonly datasources = new Map<string, unknown>();
  readonly folders = new Map<string, unknown>();
  readonly dashboards = new Map<string, unknown>();
  readonly ruleGroups = new Map<string, unknown>();
  contactPoints: Array<Record<string, unknown>> = [];
  policyTree: Record<string, unknown> = { receiver: 'grafana-default-email', group_by: ['grafana_folder', 'alertname'] };
  private server?: http.Server;

  /** `authorization` is the exact header value this stand-in accepts (as Grafana would check it). */
  constructor(private readonly authorization: string) {}

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const body: unknown = text === '' ? undefined : JSON.parse(text);
        const path = req.url ?? '/';
        this.requests.push({ method: req.method ?? '', path, headers: req.headers, body });
        const [status, reply] = this.handle(req.method ?? '', path, req.headers, body);
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(reply === undefined ? '' : JSON.stringify(reply));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.server?.close((error) => (error ? reject(error) : resolve())));
  }

  private handle(method: string, path: string, headers: http.IncomingHttpHeaders, body: unknown): [number, unknown] {
    if (headers.authorization !== this.authorization) return [401, { message: 'Unauthorized' }];
    const record = body as Record<string, unknown>;
    let match: RegExpExecArray | null;
    if ((match = /^\/api\/datasources\/uid\/([^/]+)$/.exec(path))) {
      const uid = decodeURIComponent(match[1]!);
      if (method === 'GET') return this.datasources.has(uid) ? [200, this.datasources.get(uid)] : [404, { message: 'Data source not found' }];
      if (method === 'PUT') {
        this.datasources.set(uid, body);
        return [200, { message: 'Datasource updated' }];
      }
    }
    if (path === '/api/datasources' && method === 'POST') {
      if (this.datasources.has(String(record['uid']))) return [409, { message: 'data source with the same uid already exists' }];
      this.datasources.set(String(record['uid']), body);
      return [200, { message: 'Datasource added', datasource: body }];
    }
    if ((match = /^\/api\/folders\/([^/]+)$/.exec(path)) && method === 'GET') {
      const uid = decodeURIComponent(match[1]!);
      return this.folders.has(uid) ? [200, this.folders.get(uid)] : [404, { message: 'folder not found' }];
    }
    if (path === '/api/folders' && method === 'POST') {
      this.folders.set(String(record['uid']), body);
      return [200, body];
    }
    if (path === '/api/dashboards/db' && method === 'POST') {
      const dashboard = record['dashboard'] as Record<string, unknown>;
      this.dashboards.set(String(dashboard['uid']), body);
      return [200, { status: 'success', uid: dashboard['uid'] }];
    }
    if ((match = /^\/api\/v1\/provisioning\/folder\/([^/]+)\/rule-groups\/([^/]+)$/.exec(path)) && method === 'PUT') {
      if (!this.folders.has(decodeURIComponent(match[1]!))) return [400, { message: 'folder does not exist' }];
      this.ruleGroups.set(decodeURIComponent(match[2]!), body);
      return [200, body];
    }
    if (path.startsWith('/api/v1/provisioning/contact-points')) {
      const uid = /^\/api\/v1\/provisioning\/contact-points\/([^/?]+)$/.exec(path)?.[1];
      if (method === 'GET') {
        const name = new URL(path, 'http://x').searchParams.get('name');
        return [200, this.contactPoints.filter((c) => name === null || c['name'] === name)];
      }
      if (method === 'POST') {
        this.contactPoints.push(record);
        return [202, body];
      }
      if (method === 'PUT' && uid) {
        this.contactPoints = this.contactPoints.map((c) => (c['uid'] === uid ? record : c));
        return [202, { message: 'contactpoint updated' }];
      }
    }
    if (path === '/api/v1/provisioning/policies') {
      if (method === 'GET') return [200, this.policyTree];
      if (method === 'PUT') {
        this.policyTree = record;
        return [202, { message: 'policies updated' }];
      }
    }
    return [404, { message: `no route ${method} ${path}` }];
  }
}
