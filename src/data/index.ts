export * from './idx';
export * from './mnist';
export * from './split';
