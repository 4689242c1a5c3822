import { parentPort, workerData } from 'node:worker_threads';
import { scanPart, type PartJob } from './partScan';

/**
 * Entry of the log-analysis worker thread (bundled as dist/logWorker.js): one part per
 * worker. A failure rejects, and an unhandled rejection ends the worker with an 'error' event.
 */
void scanPart(workerData as PartJob, (message) => parentPort!.postMessage(message));
