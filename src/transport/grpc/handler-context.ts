import type { PranaApp } from '../../app/prana-app.js';
import type { ServeContext } from './serve-unary.js';

/** What the prana.v1 handlers need: the application, the open calls and the error log. */
export interface HandlerContext extends ServeContext {
  readonly app: PranaApp;
}
