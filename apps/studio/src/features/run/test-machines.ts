/**
 * State machines shared by the run feature's unit tests (not part of the app bundle: only tests import this file).
 */

/**
 * A machine whose Map `Fan` runs one iteration per element of `$.items`, each a `.waitForTaskToken` Task `Approve`;
 * `task` gives its Resource, Parameters (where the task token goes) and any other fields (HeartbeatSeconds, …).
 */
export function tokenMapMachine(task: Record<string, unknown>) {
  return {
    StartAt: 'Fan',
    States: {
      Fan: {
        Type: 'Map',
        ItemsPath: '$.items',
        ItemProcessor: { StartAt: 'Approve', States: { Approve: { Type: 'Task', ...task, End: true } } },
        End: true,
      },
    },
  };
}
