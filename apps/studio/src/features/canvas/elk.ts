import ELK from 'elkjs/lib/elk-api.js';
import ElkWorker from 'elkjs/lib/elk-worker.min.js?worker';

let instance: InstanceType<typeof ELK> | undefined;

/** The shared worker-backed elk instance (created on first use, so the worker starts only when a layout is needed). */
export function getElk(): InstanceType<typeof ELK> {
  if (!instance) instance = new ELK({ workerFactory: () => new ElkWorker() as unknown as Worker });
  return instance;
}
