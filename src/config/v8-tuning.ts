import { setFlagsFromString } from 'node:v8';

/**
 * V8 settings of the service process, applied before anything else is loaded (main.ts imports this
 * first; the benchmarks do the same, so they measure the engine as the service runs it).
 *
 * Allocation-site pretenuring is off: when V8 sees objects from one allocation site survive a few
 * young-generation collections, it starts allocating every later object from that site directly in
 * the old generation. The engine's run records and events survive a long drive, so a long drive early
 * in a process's life could flip those sites for good, and every later execution then paid old-space
 * allocation and full collections: the same benchmark measured 3× slower in about one process out of
 * five. Without pretenuring, short-lived executions stay cheap in every process.
 */
setFlagsFromString('--no-allocation-site-pretenuring');
