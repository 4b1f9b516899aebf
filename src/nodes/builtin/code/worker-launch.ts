import { Worker, type ResourceLimits } from 'node:worker_threads';

/** True when this module runs from the TypeScript sources (tests, tsx) rather than from the build. */
export function runningFromSources(moduleUrl: string = import.meta.url): boolean {
  return new URL(moduleUrl).pathname.endsWith('.ts');
}

/**
 * Starts a thread running the sandbox worker entry that sits next to this module: the compiled
 * `sandbox-worker.js` when running from the build; from the sources, the same `sandbox-worker.ts`
 * behind a bootstrap that first registers tsx's loader in the thread (a devDependency; the build
 * never needs it).
 */
export function launchSandboxWorker(resourceLimits: ResourceLimits): Worker {
  const here = import.meta.url;
  if (!runningFromSources(here)) return new Worker(new URL('./sandbox-worker.js', here), { resourceLimits });
  // Node 20 cannot load .ts files in a worker, and ignores `--import` loaders in a worker's execArgv
  // (fixed only in Node 22.2), so the loader is registered from inside the thread instead.
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./sandbox-worker.ts', here).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true, resourceLimits });
}
