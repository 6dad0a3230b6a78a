// File upload: a multipart/form-data body built by hand around a read stream of the file
// (so a 1 GB file is never in memory), then GET /api/files/:id until the file is done.

import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { BenchHttpClient, describeFailure, parseJson } from './bench-http';
import { round } from './bench-ingest';
import { sleep } from './lognest-server';

export interface UploadResult {
  file_id: string;
  lines: number;
  bytes: number;
  status: string;
  accepted: number | null;
  rejected: number | null;
  upload_request_seconds: number;
  seconds: number;
  lines_per_s: number;
  failure?: string;
}

const BOUNDARY = '----lognest-bench-7d1f0c2b';
const TERMINAL = new Set(['completed', 'failed']);

export async function uploadAndWait(client: BenchHttpClient, path: string, lines: number, timeoutMs: number): Promise<UploadResult> {
  const size = statSync(path).size;
  const head = Buffer.from(
    `--${BOUNDARY}\r\n` +
      `Content-Disposition: form-data; name="file"; filename="${basename(path)}"\r\n` +
      'Content-Type: application/x-ndjson\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  const body = (): Readable => {
    const out = new PassThrough();
    out.write(head);
    const file = createReadStream(path, { highWaterMark: 1 << 20 });
    file.on('error', (err) => out.destroy(err));
    file.on('end', () => out.end(tail));
    file.pipe(out, { end: false });
    return out;
  };
  const started = performance.now();
  const res = await client.request('POST', '/api/upload', {
    headers: { 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`, 'Content-Length': head.length + size + tail.length },
    body,
  });
  const requestSeconds = (performance.now() - started) / 1000;
  if (res.status < 200 || res.status >= 300) throw describeFailure('POST /api/upload', res);
  const id = fileId(parseJson(res.body));
  if (id === undefined) throw new Error(`POST /api/upload answered without a file id: ${res.body.toString().slice(0, 300)}`);

  let file: Record<string, unknown> = {};
  while (performance.now() - started < timeoutMs) {
    const got = await client.json<Record<string, unknown>>('GET', `/api/files/${encodeURIComponent(id)}`);
    if (got.status !== 200) throw describeFailure(`GET /api/files/${id}`, got);
    file = unwrap(got.data);
    if (TERMINAL.has(String(file.status))) break;
    await sleep(100);
  }
  const seconds = (performance.now() - started) / 1000;
  const status = String(file.status ?? 'unknown');
  const result: UploadResult = {
    file_id: id,
    lines,
    bytes: size,
    status: TERMINAL.has(status) ? status : `timeout (last status ${status})`,
    accepted: numberField(file, 'accepted'),
    rejected: numberField(file, 'rejected'),
    upload_request_seconds: round(requestSeconds, 3),
    seconds: round(seconds, 3),
    lines_per_s: Math.round(lines / seconds),
  };
  if (status !== 'completed') result.failure = String(file.failure ?? JSON.stringify(file).slice(0, 300));
  return result;
}

function unwrap(data: unknown): Record<string, unknown> {
  const d = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  return typeof d.file === 'object' && d.file !== null ? (d.file as Record<string, unknown>) : d;
}

/** The id from the upload answer: `{id}`, `{file: {id}}`, `{file_id}` or `{files: [{id}]}`. */
function fileId(data: unknown): string | undefined {
  const d = unwrap(data);
  const files = (data as { files?: Array<{ id?: unknown }> } | null)?.files;
  const id = d.id ?? d.file_id ?? d.fileId ?? (Array.isArray(files) ? files[0]?.id : undefined);
  return id === undefined || id === null ? undefined : String(id);
}

function numberField(o: Record<string, unknown>, name: string): number | null {
  return typeof o[name] === 'number' ? (o[name] as number) : null;
}
