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
    startExecution: serveUnary(context, `${SERVICE}/StartExecution`, async (request, scope, namespace) => {
      const wait = decodeWait(request.wait);
      const depth = decodeViewDepth(request.view, 'basic');
      const start = decodeStartRequest(request, wait);
      const release = wait === 'none' ? () => undefined : calls.admit('waiting_call');
      try {
        const { view, created } = await app.in(namespace).startExecution(start, scope.signal);
        return { execution: encodeExecution(view, depth), created };
      } finally {
        release();
      }
    }),

    runExecution: serveStream(context, `${SERVICE}/RunExecution`, async function* (request, scope, namespace) {
      const start = decodeStartRequest(request, 'none');
      const release = calls.admit('stream');
      try {
        const { created, events } = await app.in(namespace).runExecution(start, scope.signal);
        for await (const event of events) yield { event: encodeEvent(event), created };
      } finally {
        release();
      }
    }),

    watchExecution: serveStream(context, `${SERVICE}/WatchExecution`, async function* (request, scope, namespace) {
      const afterSeq = Number(request.afterSeq);
      const release = calls.admit('stream');
      try {
        for await (const event of app.in(namespace).watchExecution(request.executionId, afterSeq, scope.signal)) yield { event: encodeEvent(event) };
      } finally {
        release();
      }
    }),

    getExecution: serveUnary(context, `${SERVICE}/GetExecution`, async (request, scope, namespace) => {
      const depth = decodeViewDepth(request.view, 'full');
      return { execution: encodeExecution(await app.in(namespace).getExecution(request.executionId), depth) };
    }),

    listExecutions: serveUnary(context, `${SERVICE}/ListExecutions`, async (request, scope, namespace) => {
      const depth = decodeViewDepth(request.view, 'basic');
      const { list, matchesNothing } = decodeListRequest(request);
      if (matchesNothing) return { executions: [], nextPageToken: '' };
      const page = await app.in(namespace).listExecutions(list);
      return { executions: page.views.map((view) => encodeExecution(view, depth)), nextPageToken: page.nextPageToken };
    }),

    resume: serveUnary(context, `${SERVICE}/Resume`, async (request, scope, namespace) => {
      const depth = decodeViewDepth(request.view, 'basic');
      const resume = decodeResumeRequest(request);
      const release = resume.wait === 'none' ? () => undefined : calls.admit('waiting_call');
      try {
        const { view, alreadyResumed } = await app.in(namespace).resume(resume, scope.signal);
        return { execution: encodeExecution(view, depth), alreadyResumed };
      } finally {
        release();
      }
    }),

    cancelExecution: serveUnary(context, `${SERVICE}/CancelExecution`, async (request, scope, namespace) => {
      return { execution: encodeExecution(await app.in(namespace).cancelExecution(request.executionId, request.reason), 'full') };
    }),
  };
}
