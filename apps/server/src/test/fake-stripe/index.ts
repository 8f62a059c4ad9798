export { startFakeStripe, type FakeStripe } from './server';
export { FakeFaults } from './context';
export { FakeEvents, type Delivery } from './events';
export type { FakeState, FakeEvent, FakePaymentIntent, FakeReader } from './objects';
