import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const REPO = path.resolve(__dirname, '../../../..');
const IAM_DIR = path.join(REPO, 'docs/iam');
const WORKER_SOURCES = ['ingest/src/sources', 'ingest/src/sink', 'ingest/src/metrics', 'ingest/src/cli/commands/ingest.ts', 'ingest/src/cli/commands/ingest-sqs.ts', 'ingest/src/store/require.ts', 'ingest/src/accounts'];

interface Statement {
  Sid: string;
  Effect: string;
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

interface Policy {
  Version: string;
  Statement: Statement[];
}

function policy(name: string): Policy {
  return JSON.parse(readFileSync(path.join(IAM_DIR, name), 'utf8')) as Policy;
}

const list = (value: string | string[]): string[] => (Array.isArray(value) ? value : [value]);

function sourceText(entry: string): string {
  const full = path.join(REPO, entry);
  if (statSync(full).isFile()) return readFileSync(full, 'utf8');
  return readdirSync(full, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => readFileSync(path.join(full, file), 'utf8'))
    .join('\n');
}

/** The IAM action each AWS SDK command the worker sends needs. */
const SDK_ACTIONS: Record<string, string> = {
  ListObjectsV2Command: 's3:ListBucket',
  GetObjectCommand: 's3:GetObject',
  HeadObjectCommand: 's3:GetObject',
  ReceiveMessageCommand: 'sqs:ReceiveMessage',
  DeleteMessageCommand: 'sqs:DeleteMessage',
  DeleteMessageBatchCommand: 'sqs:DeleteMessage',
  ChangeMessageVisibilityCommand: 'sqs:ChangeMessageVisibility',
  ChangeMessageVisibilityBatchCommand: 'sqs:ChangeMessageVisibility',
  GetQueueAttributesCommand: 'sqs:GetQueueAttributes',
};

describe('docs/iam policies', () => {
  const files = readdirSync(IAM_DIR).filter((file) => file.endsWith('.json'));

  it.each(files)('%s is a valid, least-privilege policy document', (file) => {
    const document = policy(file);
    expect(document.Version).toBe('2012-10-17');
    expect(document.Statement.length).toBeGreaterThan(0);
    const sids = document.Statement.map((s) => s.Sid);
    expect(new Set(sids).size).toBe(sids.length);
    for (const statement of document.Statement) {
      expect(statement.Sid).toMatch(/^[A-Za-z0-9]+$/);
      expect(statement.Effect).toBe('Allow');
      for (const action of list(statement.Action)) {
        expect(action).toMatch(/^(s3|kms|sqs|es):[A-Za-z]+$/);
        // Nothing that changes the bucket, the queue settings or the key.
        expect(action).not.toMatch(/\*|^s3:(Put|Delete|Create)|^kms:(Encrypt|ReEncrypt|GenerateDataKey|Create|Put)|^sqs:(Set|Purge|Create|DeleteQueue|Send)/);
      }
      for (const resource of list(statement.Resource)) expect(resource).toMatch(/^arn:aws:(s3|kms|sqs|es):[a-z0-9-]*:(\d{12})?:[^*]/);
      if (list(statement.Action).includes('kms:Decrypt')) expect(statement.Condition?.['StringEquals']?.['kms:ViaService']).toMatch(/^s3\.[a-z0-9-]+\.amazonaws\.com$/);
      if (list(statement.Action).includes('s3:ListBucket')) expect(statement.Condition?.['StringLike']?.['s3:prefix']).toBeDefined();
    }
  });

  it('the worker policy folds in the S3 reader policy unchanged', () => {
    const worker = policy('gdlens-worker.json');
    for (const statement of policy('gdlens-s3-reader.json').Statement) expect(worker.Statement).toContainEqual(statement);
  });

  it('the worker policy grants every AWS call and OpenSearch method the worker code makes', () => {
    const worker = policy('gdlens-worker.json');
    const granted = new Set(worker.Statement.flatMap((s) => list(s.Action)));
    const code = WORKER_SOURCES.map(sourceText).join('\n');
    const commands = [...new Set([...code.matchAll(/new (\w+Command)\(/g)].map((m) => m[1] ?? ''))];
    expect(commands.length).toBeGreaterThan(4);
    for (const command of commands) {
      // A new SDK call must be added to SDK_ACTIONS and, when needed, to the policy.
      expect({ command, action: SDK_ACTIONS[command] }).toEqual({ command, action: expect.any(String) });
      expect({ command, granted: granted.has(SDK_ACTIONS[command] ?? '') }).toEqual({ command, granted: true });
    }
    const methods = [...new Set([...code.matchAll(/request(?:<[^>]*>)?\('([A-Z]+)'/g)].map((m) => m[1] ?? ''))];
    expect(methods).toEqual(expect.arrayContaining(['POST', 'PUT', 'HEAD']));
    for (const method of methods) expect({ method, granted: granted.has(`es:ESHttp${method[0]}${method.slice(1).toLowerCase()}`) }).toEqual({ method, granted: true });
  });

  it('docs/iam.md explains every statement of the worker policy', () => {
    const doc = readFileSync(path.join(REPO, 'docs/iam.md'), 'utf8');
    for (const { Sid } of policy('gdlens-worker.json').Statement) expect({ Sid, explained: doc.includes(`\`${Sid}\``) }).toEqual({ Sid, explained: true });
  });
});
