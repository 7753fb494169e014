// node:os for the browser bundle. One core: the library's worker-thread pool (src/parallel) stays off in
// the page, since a browser has no synchronous receive on a message port; wasm's own threads are used instead.
export const availableParallelism = (): number => 1;
export const cpus = (): unknown[] => [{}];
export const tmpdir = (): string => '/tmp';
export const totalmem = (): number => 4 * 1024 ** 3;
export const freemem = (): number => 2 * 1024 ** 3;
export const platform = (): string => 'browser';
export const EOL = '\n';
export default { availableParallelism, cpus, tmpdir, totalmem, freemem, platform, EOL };
