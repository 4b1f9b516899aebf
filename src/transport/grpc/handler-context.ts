import type { PranaApp } from '../../app/prana-app.js';
import type { EdgeLimits } from './edge-limits.js';
import type { ServeContext } from './serve-unary.js';

/** What the prana.v1 handlers need: the application, the open calls, the error log and the edge limits. */
export interface HandlerContext extends ServeContext {
  readonly app: PranaApp;
  readonly limits: EdgeLimits;
}
