// The console server's JSON API, as the page calls it. The page decodes answers with the generated
// message types (never the service clients: those are Node's gRPC).
import { Execution } from '../../sdk/typescript/src/gen/prana/v1/execution.js';

/** A refused call, with the service's reason. */
export class ApiError extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

async function answer<T>(response: Response): Promise<T> {
  const body = (await response.json()) as T & { error?: { reason?: string; message?: string } };
  if (!response.ok) throw new ApiError(body.error?.reason ?? String(response.status), body.error?.message ?? response.statusText);
  return body;
}

export function getJson<T>(path: string): Promise<T> {
  return fetch(`/api${path}`).then((response) => answer<T>(response));
}

export function postJson<T>(path: string, body: unknown): Promise<T> {
  return fetch(`/api${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((response) =>
    answer<T>(response),
  );
}

/** An execution with its audit trail (GetExecution, FULL). */
export async function getExecution(id: string): Promise<Execution> {
  return Execution.fromJSON((await getJson<{ execution?: unknown }>(`/executions/${encodeURIComponent(id)}`)).execution ?? {});
}
