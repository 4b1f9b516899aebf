/** How serious a compile diagnostic is: errors block compilation, warnings never do. */
export type Severity = 'error' | 'warning';

/** One finding of the compiler. */
export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly nodeKey?: string | undefined;
  readonly port?: string | undefined;
  readonly paramPath?: string | undefined;
  readonly message: string;
}
