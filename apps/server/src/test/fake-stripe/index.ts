export { startFakeStripe, type FakeStripe } from './server';
export type { FakeEvent } from './objects';
