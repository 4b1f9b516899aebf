import { appendPath } from '../../domain/param-path.js';
import { isJsonObject, type Json } from '../../domain/json.js';
import { DIRECTIVE_SHAPES, STAGE_NAMES, type DirectiveName, type StageName } from './directive-names.js';

/** A structural problem of a directive: where it is and the `invalid_directive` message. */
export interface DirectiveProblem {
  readonly path: string;
  readonly message: string;
}

const STAGE_MESSAGE = `#pipe expects each stage to be an object with exactly one key among ${STAGE_NAMES.join(', ')}`;

/** True for an array of `[x, y]` clauses. */
function isClauseList(value: Json | undefined): value is readonly (readonly [Json, Json])[] {
  return Array.isArray(value) && (value as readonly Json[]).every((clause) => Array.isArray(clause) && clause.length === 2);
}

/** True for a literal array of strings. */
function isKeyList(value: Json | undefined): value is readonly string[] {
  return Array.isArray(value) && (value as readonly Json[]).every((key) => typeof key === 'string');
}

function clauseMessage(name: '#case' | '#cond'): string {
  return `${name} expects each clause to be an array of 2 elements: [${name === '#case' ? 'pattern' : 'condition'}, result]`;
}

/** The stage name of a valid stage object, or undefined. */
export function stageNameOf(stage: Json | undefined): StageName | undefined {
  if (!isJsonObject(stage)) return undefined;
  const keys = Object.keys(stage);
  if (keys.length !== 1) return undefined;
  return STAGE_NAMES.find((name) => name === keys[0]);
}

/**
 * Checks a `#pipe` stage list at `path` (and nested stage lists); a list that is not an array is
 * reported at `ownerPath`, the directive or stage holding it.
 */
function stageListProblem(stages: Json | undefined, path: string, ownerPath: string): DirectiveProblem | undefined {
  if (!Array.isArray(stages)) return { path: ownerPath, message: '#pipe expects its stages to be an array of stage objects' };
  for (let i = 0; i < stages.length; i++) {
    const stage = (stages as readonly Json[])[i];
    const stagePath = appendPath(path, i);
    const name = stageNameOf(stage);
    if (name === undefined) return { path: stagePath, message: STAGE_MESSAGE };
    const argument = (stage as Readonly<Record<string, Json>>)[name];
    const problem = stageArgumentProblem(name, argument, stagePath);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/** Checks the argument of a stage `{"#d": arg}`, which runs as `{"#d": [current, arg]}`. */
function stageArgumentProblem(name: StageName, argument: Json | undefined, stagePath: string): DirectiveProblem | undefined {
  switch (name) {
    case '#case':
      return isClauseList(argument) ? undefined : { path: stagePath, message: clauseMessage('#case') };
    case '#pick':
      return isKeyList(argument) ? undefined : { path: stagePath, message: '#pick expects its keys to be a literal array of strings' };
    case '#pipe':
      return stageListProblem(argument, appendPath(stagePath, name), stagePath);
    case '#map':
    case '#flat_map':
    case '#filter':
    case '#merge':
    case '#if':
      return undefined;
  }
}

/**
 * Checks the shape of a directive's value: an array of the right arity, with
 * literal clause lists, key lists and stage lists where required. Arguments themselves are
 * template values and are checked when they are compiled.
 */
export function directiveProblem(name: DirectiveName, args: Json | undefined, path: string): DirectiveProblem | undefined {
  const shape: DirectiveProblem = { path, message: `${name} expects ${DIRECTIVE_SHAPES[name]}` };
  if (!Array.isArray(args)) return shape;
  const list = args as readonly Json[];
  const argsPath = appendPath(path, name);
  switch (name) {
    case '#map':
    case '#flat_map':
    case '#filter':
      return list.length === 2 ? undefined : shape;
    case '#merge':
      return list.length >= 1 ? undefined : shape;
    case '#if':
      return list.length === 2 || list.length === 3 ? undefined : shape;
    case '#case':
      if (list.length !== 2 && list.length !== 3) return shape;
      return isClauseList(list[1]) ? undefined : { path, message: clauseMessage('#case') };
    case '#cond':
      if (list.length !== 1) return shape;
      return isClauseList(list[0]) ? undefined : { path, message: clauseMessage('#cond') };
    case '#pick':
      if (list.length !== 2) return shape;
      return isKeyList(list[1]) ? undefined : { path, message: '#pick expects its keys to be a literal array of strings' };
    case '#pipe':
      if (list.length !== 2) return shape;
      return stageListProblem(list[1], appendPath(argsPath, 1), path);
  }
}
