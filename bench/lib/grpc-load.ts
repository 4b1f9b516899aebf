/**
 * Keeps `concurrency` calls in flight for `ms` milliseconds and returns completed calls per second.
 * A failed call stops the measurement with its error.
 */
export async function closedLoopRate(concurrency: number, ms: number, call: () => Promise<unknown>): Promise<number> {
  let count = 0;
  const start = performance.now();
  const end = start + ms;
  const worker = async (): Promise<void> => {
    while (performance.now() < end) {
      await call();
      count++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return (count / (performance.now() - start)) * 1000;
}

/** Turns a grpc-js unary method into a promise. */
export function unary<Req, Res>(method: (request: Req, callback: (error: Error | null, response: Res) => void) => unknown, request: Req): Promise<Res> {
  return new Promise((resolve, reject) => {
    method(request, (error, response) => (error === null ? resolve(response) : reject(error)));
  });
}
