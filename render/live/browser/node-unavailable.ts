// Node modules the library imports for work a browser page does not do (worker threads, terminal
// prompts, gzip). Importing them is fine; calling them says why it cannot work here.
function unavailable(name: string): never {
  throw new Error(`${name} is not available in the live report (browser); run the notebook in Jupyter for that`);
}
export const Worker = class { constructor() { unavailable('worker_threads.Worker'); } };
export const MessageChannel = class { constructor() { unavailable('worker_threads.MessageChannel'); } };
export const receiveMessageOnPort = (): never => unavailable('worker_threads.receiveMessageOnPort');
export const workerData = undefined;
export const isMainThread = true;
export const createInterface = (): never => unavailable('readline.createInterface');
export const gunzipSync = (): never => unavailable('zlib.gunzipSync (the live report serves MNIST uncompressed)');
export default { Worker, MessageChannel, receiveMessageOnPort, workerData, isMainThread, createInterface, gunzipSync };
