export * from './errors';
export * from './ids';
export * from './order-status';
export * from './schemas/common';
export * from './schemas/vendors';
