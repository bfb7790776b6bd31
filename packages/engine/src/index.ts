/**
 * @asl-studio/engine — an offline interpreter for the Amazon States Language (https://states-language.net/spec.html)
 * that records AWS-shaped execution histories. Runs in Node and in Web Workers (no Node APIs). See README.md.
 */
export { startExecution, startUnchecked, DefinitionError, assertValid } from './execution.js';
export { testState, type TestStateOptions, type TestStateResult } from './test-state.js';
export type { Inspection } from './skeleton.js';
export { AslError } from './errors.js';
export { SimulatedClock, RealClock, type Clock } from './clock.js';
export { toJsonText, MAX_HISTORY_EVENTS } from './history.js';
export { MAX_PAYLOAD_BYTES } from './runtime.js';
export { parseResource, defaultResponse, type ResourceInfo } from './integrations.js';
export type {
  HistoryEvent, HistoryEventType, ExecutionStatus, MockConfig, MockedResponse, TaskHandler, ExecutionOptions,
  ExecutionResult, Execution, RawMachine as StateMachineDefinition, RawState as StateDefinition,
} from './types.js';
