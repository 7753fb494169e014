/** Signs notebooks in the notary database of the Jupyter data dir that `env` selects (sign.mjs). */
export function signNotebooks(paths: string[], env?: NodeJS.ProcessEnv): void;
