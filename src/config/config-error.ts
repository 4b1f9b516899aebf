/** A startup configuration problem: the message names the variable, the value and what is allowed. */
export class ConfigError extends Error {
  /** The environment variable at fault. */
  readonly variable: string;

  constructor(variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}
