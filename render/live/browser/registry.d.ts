// The bundle's generated module (bundle.ts, registryPlugin): the notebooks' imports by specifier.
declare module 'live:registry' {
  export const modules: Record<string, unknown>;
}
