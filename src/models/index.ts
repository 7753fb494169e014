export * from './config';
export * from './starter-cnn';
export * from './loss';
