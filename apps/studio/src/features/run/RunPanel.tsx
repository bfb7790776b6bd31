/** The execution view: event history and the selected state's input/output/error for the run. */
export function RunPanel() {
  return <section className="run-panel" aria-label="Execution">No execution yet.</section>;
}
