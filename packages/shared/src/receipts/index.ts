export * from './document';
export * from './labels';
export * from './logo';
export * from './parse';
