import type { NodeLogRecord } from '../../kit/node-services.js';

/** Most console lines one attempt may log; later lines are counted, not logged. */
export const MAX_CONSOLE_LINES = 1000;
/** Longest console line logged, in UTF-16 code units; longer lines are cut. */
export const MAX_CONSOLE_LINE_CHARS = 8 * 1024;

/**
 * Forwards a sandbox's console calls to the service log at level debug, bounded so that a script
 * printing in a loop cannot flood the log: at most MAX_CONSOLE_LINES lines of MAX_CONSOLE_LINE_CHARS.
 */
export class ConsoleSink {
  private lines = 0;
  private dropped = 0;

  constructor(
    private readonly log: (record: NodeLogRecord) => void,
    private readonly fields: Readonly<Record<string, string>>,
  ) {}

  /** Logs one console call (`method` is log, info, warn, error, debug or trace). */
  write(method: string, text: string): void {
    if (this.lines >= MAX_CONSOLE_LINES) {
      this.dropped++;
      return;
    }
    this.lines++;
    const message = text.length > MAX_CONSOLE_LINE_CHARS ? `${text.slice(0, MAX_CONSOLE_LINE_CHARS)}…` : text;
    this.log({ level: 'debug', message, fields: { ...this.fields, console: method } });
  }

  /** Logs how many lines were dropped, if any; call once when the attempt ends. */
  close(): void {
    if (this.dropped === 0) return;
    this.log({ level: 'debug', message: `console output truncated: ${this.dropped} more line(s) dropped`, fields: { ...this.fields, console: 'truncated' } });
  }
}
