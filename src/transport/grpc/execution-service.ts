import type { ExecutionServiceServer } from '../../gen/prana/v1/execution_service.js';
import { encodeEvent } from './codec/event.js';
import { encodeExecution } from './codec/execution.js';
import { decodeListRequest } from './codec/list-request.js';
import { decodeViewDepth, decodeWait } from './codec/request-options.js';
import { decodeResumeRequest } from './codec/resume-request.js';
import { decodeStartRequest } from './codec/start-request.js';
import type { HandlerContext } from './handler-context.js';
import { serveStream } from './serve-stream.js';
import { serveUnary } from './serve-unary.js';

const SERVICE = 'prana.v1.ExecutionService';

/** gRPC handlers of prana.v1.ExecutionService: decode, one PranaApp call, encode. */
export function executionServiceHandlers(context: HandlerContext): ExecutionServiceServer {
  const { app, calls } = context;
  return {
    startExecution: serveUnary(context, `${SERVICE}/StartExecution`, async (request, scope) => {
      const wait = decodeWait(request.wait);
      const depth = decodeViewDepth(request.view, 'basic');
      const start = decodeStartRequest(request, wait);
      const release = wait === 'none' ? () => undefined : calls.admit('waiting_call');
      try {
        const { view, created } = await app.startExecution(start, scope.signal);
        return { execution: encodeExecution(view, depth), created };
      } finally {
        release();
      }
    }),

    runExecution: serveStream(context, `${SERVICE}/RunExecution`, async function* (request, scope) {
      const start = decodeStartRequest(request, 'none');
      const release = calls.admit('stream');
      try {
        const { created, events } = await app.runExecution(start, scope.signal);
        for await (const event of events) yield { event: encodeEvent(event), created };
      } finally {
        release();
      }
    }),

    watchExecution: serveStream(context, `${SERVICE}/WatchExecution`, async function* (request, scope) {
      const afterSeq = Number(request.afterSeq);
      const release = calls.admit('stream');
      try {
        for await (const event of app.watchExecution(request.executionId, afterSeq, scope.signal)) yield { event: encodeEvent(event) };
      } finally {
        release();
      }
    }),

    getExecution: serveUnary(context, `${SERVICE}/GetExecution`, async (request) => {
      const depth = decodeViewDepth(request.view, 'full');
      return { execution: encodeExecution(await app.getExecution(request.executionId), depth) };
    }),

    listExecutions: serveUnary(context, `${SERVICE}/ListExecutions`, async (request) => {
      const depth = decodeViewDepth(request.view, 'basic');
      const { list, matchesNothing } = decodeListRequest(request);
      if (matchesNothing) return { executions: [], nextPageToken: '' };
      const page = await app.listExecutions(list);
      return { executions: page.views.map((view) => encodeExecution(view, depth)), nextPageToken: page.nextPageToken };
    }),

    resume: serveUnary(context, `${SERVICE}/Resume`, async (request, scope) => {
      const depth = decodeViewDepth(request.view, 'basic');
      const resume = decodeResumeRequest(request);
      const release = resume.wait === 'none' ? () => undefined : calls.admit('waiting_call');
      try {
        const { view, alreadyResumed } = await app.resume(resume, scope.signal);
        return { execution: encodeExecution(view, depth), alreadyResumed };
      } finally {
        release();
      }
    }),

    cancelExecution: serveUnary(context, `${SERVICE}/CancelExecution`, async (request) => {
      return { execution: encodeExecution(await app.cancelExecution(request.executionId, request.reason), 'full') };
    }),
  };
}
