import { appRouter, retryAfterHeader, trpcErrorShape, type Context } from '@otp-auth/api';
import { callTRPCProcedure, getTRPCErrorFromUnknown, TRPCError } from '@trpc/server';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** A request that tRPC's handler answers with one procedure call and one JSON document: a
 * query by GET (input in `?input=`) or a mutation by POST (input in a JSON body), alone or as
 * a batch of one (`?batch=1`, as `httpBatchLink` sends a lone call). */
export interface SingleCall {
  path: string;
  type: 'query' | 'mutation';
  batch: boolean;
  /** The input's JSON text, if the request carries one. */
  inputText: string | undefined;
}

/** A procedure's dotted path: nothing to decode, no batch of several. */
const PROCEDURE_PATH = /^[\w.]+$/;

const startsWith = (value: string | undefined, prefix: string) =>
  value !== undefined && value.startsWith(prefix);

/** The request as a single call, or null when tRPC's own handler must answer it: batches of
 * several, streaming (`trpc-accept`, `accept: application/jsonl`), connection parameters,
 * HEAD and other methods, other media types. */
export function singleCallOf(request: FastifyRequest, path: string): SingleCall | null {
  const { method, headers } = request;
  if (method !== 'GET' && method !== 'POST') return null;
  if (!PROCEDURE_PATH.test(path)) return null;
  if (headers['trpc-accept'] !== undefined || headers.accept?.includes('application/jsonl')) {
    return null;
  }
  const contentType = headers['content-type'];
  const json = startsWith(contentType, 'application/json');
  if (method === 'POST' ? !json : contentType !== undefined && !json) return null;
  const queryStart = request.url.indexOf('?');
  // Read as tRPC reads it (URLSearchParams), so that every input decodes alike.
  const query = new URLSearchParams(queryStart === -1 ? '' : request.url.slice(queryStart + 1));
  if (query.has('connectionParams')) return null;
  const body = request.body;
  return {
    path,
    type: method === 'GET' ? 'query' : 'mutation',
    batch: query.get('batch') === '1',
    inputText: method === 'GET' ? query.get('input') || undefined : (body as string | undefined),
  };
}

/** A JSON text as tRPC's handler reads an input: a byte-order mark dropped from a body (as
 * `Request.json()` does), a parse error as a 400 naming it. */
function parseInput(text: string, fromBody: boolean): unknown {
  try {
    return JSON.parse(fromBody && text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch (cause) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: cause instanceof Error ? cause.message : 'Invalid input',
      cause,
    });
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The call's raw input, read once when the procedure first asks (so a malformed input fails
 * inside the call, after the rate limit counted it, as with tRPC's handler). */
function rawInputOf(call: SingleCall): () => Promise<unknown> {
  const readOnce = () => {
    const fromBody = call.type === 'mutation';
    // tRPC reads a POST body whatever it holds; an absent one is an empty text.
    const text = fromBody ? (call.inputText ?? '') : call.inputText;
    if (text === undefined) return undefined;
    const inputs = parseInput(text, fromBody);
    if (!call.batch) return inputs;
    if (!isObject(inputs)) {
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: '"input" needs to be an object when doing a batch call',
      });
    }
    return inputs['0'];
  };
  let read: Promise<unknown> | undefined;
  return () => (read ??= new Promise((resolve) => resolve(readOnce())));
}

/** tRPC's answer when no procedure of this kind is at the path: its own handler then says
 * whether that is a 404 or a 405. Nothing has run when it is thrown. */
const noSuchProcedure = (error: TRPCError, call: SingleCall) =>
  error.code === 'NOT_FOUND' &&
  error.cause === undefined &&
  error.message === `No "${call.type}"-procedure on path "${call.path}"`;

/** Runs a single call as tRPC's handler would and answers it with the same status, headers and
 * body, without the fetch `Request`/`Response`, abort signal and web streams the handler builds
 * for every call. Returns false, having answered nothing, when tRPC's handler must answer. */
export async function answerSingleCall(
  call: SingleCall,
  ctx: Context,
  reply: FastifyReply,
  onError: (error: TRPCError) => void,
): Promise<boolean> {
  let answer: object;
  let status = 200;
  let headers: Record<string, string> = {};
  try {
    const data: unknown = await callTRPCProcedure({
      router: appRouter,
      path: call.path,
      type: call.type,
      ctx,
      getRawInput: rawInputOf(call),
      // No procedure of ours reads a signal: a client gone mid-call costs the call's answer only.
      signal: undefined,
      batchIndex: 0,
    });
    answer = { result: { data } };
  } catch (cause) {
    const error = getTRPCErrorFromUnknown(cause);
    if (noSuchProcedure(error, call)) return false;
    onError(error);
    const shape = trpcErrorShape(error, call.path);
    answer = { error: shape };
    status = shape.data.httpStatus;
    headers = retryAfterHeader([error]);
  }
  await reply
    .code(status)
    .headers({ vary: 'trpc-accept, accept', 'content-type': 'application/json', ...headers })
    // As bytes: Fastify would add `; charset=utf-8` to a text's media type, which tRPC does not.
    .send(Buffer.from(JSON.stringify(call.batch ? [answer] : answer)));
  return true;
}
