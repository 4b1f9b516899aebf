import type { ServiceDefinition, UntypedServiceImplementation } from '@grpc/grpc-js';
import { ServerReflectionService as V1, type ServerReflectionServer } from '../../../gen/grpc/reflection/v1/reflection.js';
import type { ReflectionAnswers } from './reflection-answers.js';

/** The reflection service names, newest first: clients try v1, older ones ask for v1alpha. */
export const REFLECTION_SERVICES = ['grpc.reflection.v1.ServerReflection', 'grpc.reflection.v1alpha.ServerReflection'] as const;

/**
 * grpc.reflection.v1 and v1alpha (the same messages under two package names, served from the v1 code)
 * over one set of answers:
 * each request on the stream gets its answer, in order; the stream ends when the client's does.
 */
export function reflectionServices(answers: ReflectionAnswers): readonly (readonly [ServiceDefinition, UntypedServiceImplementation])[] {
  const implementation: ServerReflectionServer = {
    serverReflectionInfo: (call) => {
      call.on('data', (request) => call.write(answers.answer(request)));
      call.on('end', () => call.end());
      call.on('error', () => undefined);
    },
  };
  return [
    [V1 as ServiceDefinition, implementation],
    [v1alpha(V1 as ServiceDefinition), implementation],
  ];
}

/** The v1 definition under the v1alpha name: the messages are the same on the wire, only the path differs. */
function v1alpha(definition: ServiceDefinition): ServiceDefinition {
  return Object.fromEntries(
    Object.entries(definition).map(([name, method]) => [name, { ...method, path: method.path.replace('/grpc.reflection.v1.', '/grpc.reflection.v1alpha.') }]),
  );
}
