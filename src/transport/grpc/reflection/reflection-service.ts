import type { ServiceDefinition, UntypedServiceImplementation } from '@grpc/grpc-js';
import { ServerReflectionService as V1, type ServerReflectionServer } from '../../../gen/grpc/reflection/v1/reflection.js';
import { ServerReflectionService as V1Alpha } from '../../../gen/grpc/reflection/v1alpha/reflection.js';
import type { ReflectionAnswers } from './reflection-answers.js';

/** The reflection service names, newest first: clients try v1, older ones ask for v1alpha. */
export const REFLECTION_SERVICES = ['grpc.reflection.v1.ServerReflection', 'grpc.reflection.v1alpha.ServerReflection'] as const;

/**
 * grpc.reflection.v1 and v1alpha (the same messages under two package names) over one set of answers:
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
    [V1Alpha as ServiceDefinition, implementation],
  ];
}
