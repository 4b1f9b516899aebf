import { isJsonObject, type Json, type JsonObject } from '../../domain/json.js';
import { appendPath } from '../../domain/param-path.js';
import { fail } from '../expression-failure.js';
import { rendererOf, withParamPath, type CompiledValue, type PlanCompileContext, type Renderer, type ValueCompiler } from '../params/renderer.js';
import { DIRECTIVE_NAMES, type DirectiveName, type StageName } from './directive-names.js';
import {
  caseRunner,
  condRenderer,
  filterRunner,
  flatMapRunner,
  ifRunner,
  mapRunner,
  mergeRunner,
  pickRunner,
  pipeRunner,
  type Clause,
  type DirectiveRunner,
  type Stage,
} from './directive-runners.js';
import { directiveProblem, stageNameOf } from './directive-shape.js';

const hasOwn = Object.prototype.hasOwnProperty;

/** The directive key that applies to an object, if it is a directive. */
export function directiveNameOf(object: JsonObject): DirectiveName | undefined {
  return DIRECTIVE_NAMES.find((name) => hasOwn.call(object, name));
}

/** Compiles the parts of one directive, with the compiler for nested template values. */
class DirectiveBuilder {
  constructor(
    private readonly context: PlanCompileContext,
    private readonly compileValue: ValueCompiler,
  ) {}

  value(value: Json | undefined, path: string): Renderer {
    return rendererOf(this.compileValue(value ?? null, path, this.context));
  }

  clauses(list: Json | undefined, path: string): Clause[] {
    return (list as readonly (readonly [Json, Json])[]).map((clause, i) => {
      const clausePath = appendPath(path, i);
      return { test: this.value(clause[0], appendPath(clausePath, 0)), result: this.value(clause[1], appendPath(clausePath, 1)) };
    });
  }

  stages(list: Json | undefined, path: string): Stage[] {
    return (list as readonly JsonObject[]).map((stage, i) => {
      const stagePath = appendPath(path, i);
      const name = stageNameOf(stage) as StageName;
      return { path: stagePath, run: this.stage(name, stage[name], appendPath(stagePath, name)) };
    });
  }

  /** A stage `{"#d": arg}` runs as `{"#d": [current, arg]}`. */
  stage(name: StageName, argument: Json | undefined, argumentPath: string): DirectiveRunner {
    switch (name) {
      case '#map':
        return mapRunner(this.value(argument, argumentPath));
      case '#flat_map':
        return flatMapRunner(this.value(argument, argumentPath));
      case '#filter':
        return filterRunner(this.value(argument, argumentPath));
      case '#merge':
        return mergeRunner([this.value(argument, argumentPath)]);
      case '#if':
        return ifRunner(this.value(argument, argumentPath), null);
      case '#case':
        return caseRunner(this.clauses(argument, argumentPath), null);
      case '#pick':
        return pickRunner(argument as readonly string[]);
      case '#pipe':
        return pipeRunner(this.stages(argument, argumentPath));
    }
  }

  /** A directive whose shape has been checked. */
  directive(name: DirectiveName, args: readonly Json[], argsPath: string): Renderer {
    const at = (i: number): string => appendPath(argsPath, i);
    if (name === '#cond') return condRenderer(this.clauses(args[0], at(0)));
    const head = this.value(args[0], at(0));
    const runner = this.headedRunner(name, args, at);
    return (run) => runner(run, head(run));
  }

  private headedRunner(name: Exclude<DirectiveName, '#cond'>, args: readonly Json[], at: (i: number) => string): DirectiveRunner {
    const optional = (i: number): Renderer | null => (args.length > i ? this.value(args[i], at(i)) : null);
    switch (name) {
      case '#map':
        return mapRunner(this.value(args[1], at(1)));
      case '#flat_map':
        return flatMapRunner(this.value(args[1], at(1)));
      case '#filter':
        return filterRunner(this.value(args[1], at(1)));
      case '#merge':
        return mergeRunner(args.slice(1).map((arg, i) => this.value(arg, at(i + 1))));
      case '#if':
        return ifRunner(this.value(args[1], at(1)), optional(2));
      case '#case':
        return caseRunner(this.clauses(args[1], at(1)), optional(2));
      case '#pick':
        return pickRunner(args[1] as readonly string[]);
      case '#pipe':
        return pipeRunner(this.stages(args[1], at(1)));
    }
  }
}

/**
 * Compiles an object that is a map directive, or returns undefined for an ordinary object.
 * Reports `directive_extra_keys` (warning) and `invalid_directive`; an invalid directive renders
 * as an error (a plan with errors is never rendered by the engine).
 */
export function compileDirective(object: JsonObject, path: string, context: PlanCompileContext, compileValue: ValueCompiler): CompiledValue | undefined {
  if (!isJsonObject(object)) return undefined;
  const name = directiveNameOf(object);
  if (name === undefined) return undefined;
  const ignored = Object.keys(object).filter((key) => key !== name);
  if (ignored.length > 0) {
    context.diagnostics.push({
      code: 'directive_extra_keys',
      severity: 'warning',
      paramPath: path,
      message: `keys ignored next to ${name}: ${ignored.join(', ')}`,
    });
  }
  const args = object[name];
  const problem = directiveProblem(name, args, path);
  if (problem !== undefined) {
    context.diagnostics.push({ code: 'invalid_directive', severity: 'error', paramPath: problem.path, message: problem.message });
    const message = problem.message;
    return { constant: false, render: withParamPath(problem.path, () => fail(message)) };
  }
  const builder = new DirectiveBuilder(context, compileValue);
  return { constant: false, render: withParamPath(path, builder.directive(name, args as readonly Json[], appendPath(path, name))) };
}
