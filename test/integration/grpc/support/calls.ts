// Promise helpers around the generated grpc-js clients.
import { Metadata, type CallOptions, type ClientReadableStream, type ServiceError } from '@grpc/grpc-js';

/** Default deadline of a test call. */
export const CALL_DEADLINE_MS = 15_000;

/** The outcome of a unary call: a response or a ServiceError, never both. */
export type Outcome<Response> = { readonly ok: true; readonly response: Response } | { readonly ok: false; readonly error: ServiceError };

/** A generated unary client method (request, metadata, options, callback). */
export type UnaryMethod<Request, Response> = (
  request: Request,
  metadata: Metadata,
  options: Partial<CallOptions>,
  callback: (error: ServiceError | null, response: Response) => void,
) => unknown;

/** Calls a unary method and resolves with its outcome. */
export function call<Request, Response>(
  method: UnaryMethod<Request, Response>,
  request: Request,
  options: Partial<CallOptions> = {},
): Promise<Outcome<Response>> {
  return new Promise((resolve) => {
    method(request, new Metadata(), { deadline: Date.now() + CALL_DEADLINE_MS, ...options }, (error, response) =>
      resolve(error === null ? { ok: true, response } : { ok: false, error }),
    );
  });
}

/** Calls a unary method and returns its response; a failed call fails the test with its status. */
export async function ok<Request, Response>(method: UnaryMethod<Request, Response>, request: Request, options: Partial<CallOptions> = {}): Promise<Response> {
  const outcome = await call(method, request, options);
  if (!outcome.ok) throw new Error(`call failed: ${outcome.error.code} ${outcome.error.details}`);
  return outcome.response;
}

/** Calls a unary method that must fail and returns its ServiceError. */
export async function failure<Request, Response>(
  method: UnaryMethod<Request, Response>,
  request: Request,
  options: Partial<CallOptions> = {},
): Promise<ServiceError> {
  const outcome = await call(method, request, options);
  if (outcome.ok) throw new Error(`call succeeded but a failure was expected: ${JSON.stringify(outcome.response)}`);
  return outcome.error;
}

/** Everything a server stream delivered, and how it ended. */
export interface Collected<Message> {
  readonly messages: Message[];
  /** null when the stream ended with OK. */
  readonly error: ServiceError | null;
}

/** Reads a server stream to its end. */
export function collect<Message>(stream: ClientReadableStream<Message>): Promise<Collected<Message>> {
  return new Promise((resolve) => {
    const messages: Message[] = [];
    let error: ServiceError | null = null;
    stream.on('data', (message: Message) => messages.push(message));
    stream.on('error', (failed: ServiceError) => {
      error = failed;
    });
    stream.on('close', () => resolve({ messages, error }));
  });
}

/** Reads a server stream until `stop` says so (inclusive), then cancels it; resolves with what was read. */
export function readUntil<Message>(stream: ClientReadableStream<Message>, stop: (message: Message, count: number) => boolean): Promise<Message[]> {
  return new Promise((resolve, reject) => {
    const messages: Message[] = [];
    let done = false;
    stream.on('data', (message: Message) => {
      if (done) return;
      messages.push(message);
      if (stop(message, messages.length)) {
        done = true;
        stream.cancel();
        resolve(messages);
      }
    });
    stream.on('error', (error: ServiceError) => {
      if (!done) reject(error);
    });
    stream.on('end', () => {
      if (!done) reject(new Error(`stream ended after ${messages.length} messages before the condition held`));
    });
  });
}
