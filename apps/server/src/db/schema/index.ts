export * from './vendors';
export * from './auth';
export * from './catalog';
export * from './inventory';
export * from './orders';
export * from './sync';
export * from './email';
export * from './customer-extras';
