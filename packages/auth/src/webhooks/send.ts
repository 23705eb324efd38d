// One webhook request: a POST to the checked addresses, no redirect followed, bounded in time,
// and no more of the answer read than a short excerpt.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { pinnedLookup, resolveTarget, type TargetPolicy } from './target';

/** The start of an answer that is kept, in characters; the rest is never read. */
const RESPONSE_EXCERPT_CHARS = 256;
const READ_AT_MOST_BYTES = 1024;

export interface WebhookAnswer {
  status: number;
  excerpt: string;
}

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  policy: TargetPolicy;
}

/** Resolves with the receiver's status (any status: the caller decides what counts), or
 * rejects with why nothing came back (refused target, connection error, timeout). */
export async function sendWebhook(message: WebhookRequest): Promise<WebhookAnswer> {
  const url = new URL(message.url);
  const signal = AbortSignal.timeout(message.timeoutMs);
  const timedOut = () => new Error(`no answer within ${String(message.timeoutMs)} ms`);
  // A resolver that hangs counts against the same time as the request.
  const addresses = await resolveTarget(url, message.policy, signal);
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<WebhookAnswer>((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method: 'POST',
        headers: {
          ...message.headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(message.body)),
        },
        lookup: pinnedLookup(addresses),
        // A fresh connection each time: a pooled one would outlive the check of its address.
        agent: false,
        signal,
      },
      (answer) => {
        readExcerpt(answer).then(
          (excerpt) => resolve({ status: answer.statusCode ?? 0, excerpt }),
          reject,
        );
      },
    );
    outgoing.on('error', (error) => {
      reject(signal.aborted ? timedOut() : error);
    });
    outgoing.end(message.body);
  });
}

/** Reads the first bytes of an answer, then lets the connection go. */
function readExcerpt(answer: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let finished = false;
    const done = () => {
      if (finished) return;
      finished = true;
      answer.removeAllListeners('data');
      answer.destroy();
      const text = Buffer.concat(chunks).subarray(0, READ_AT_MOST_BYTES).toString('utf8');
      resolve(text.slice(0, RESPONSE_EXCERPT_CHARS));
    };
    answer.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= READ_AT_MOST_BYTES) done();
    });
    answer.once('end', done);
    answer.once('error', done);
    answer.once('close', done);
  });
}
