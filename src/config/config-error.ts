/** One problem with one variable. */
export interface ConfigProblem {
  readonly variable: string;
  readonly message: string;
}

/** Startup configuration problems: the message names each variable, the value and what is allowed. */
export class ConfigError extends Error {
  /** The first variable at fault. */
  readonly variable: string;
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    super(problems.map((problem) => `${problem.variable}: ${problem.message}`).join('\n'));
    this.name = 'ConfigError';
    this.variable = problems[0]?.variable ?? 'environment';
    this.problems = problems;
  }
}
