import { parentPort } from 'node:worker_threads';
import { scanPart, type PartJob, type PartMessage } from './partScan';

/**
 * Entry of the log-analysis worker threads (bundled as dist/logWorker.js): says it is ready once
 * loaded, then takes one part of a file per message. A failure rejects, and an unhandled
 * rejection ends the worker with an 'error' event.
 */
parentPort!.on('message', (job: PartJob) => {
  void scanPart(job, (message) => parentPort!.postMessage(message));
});
parentPort!.postMessage({ type: 'ready' } satisfies PartMessage);
