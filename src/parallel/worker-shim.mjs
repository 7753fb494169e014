// Entry of every worker thread: registers tsx in this thread (a worker does not inherit the
// parent's loader hooks), then runs the TypeScript worker named in workerData.entry.
import { workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';
import { register as registerCjs } from 'tsx/cjs/api';

register();
registerCjs();
await import(pathToFileURL(workerData.entry).href);
