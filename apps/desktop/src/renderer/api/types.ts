import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { CounterRouter } from '../../core/router/index';

/*
 * Types of the counter API, read from `CounterRouter` (type-only import: the renderer never loads core code):
 * `Inputs['cart']['addVariant']`, `Outputs['sales']['byId']`, and names for the answers components pass around.
 */

export type { CounterRouter };
export type Inputs = inferRouterInputs<CounterRouter>;
export type Outputs = inferRouterOutputs<CounterRouter>;

/** What the counter answers with, by name, for components' props. */
export type CartView = NonNullable<Outputs['cart']['current']>;
export type CartLine = CartView['lines'][number];
export type SaleView = Outputs['sales']['byId'];
export type StaffMember = Outputs['staff']['list'][number];
export type SignedIn = NonNullable<Outputs['staff']['me']>;
export type DeviceStatus = Outputs['device']['status'];
export type SyncStatus = Outputs['sync']['status'];
export type SearchHit = Outputs['catalog']['search'][number];
export type WebOrder = Outputs['webOrders']['list'][number];
export type ShiftReport = Outputs['shifts']['xReport'];
export type Rejection = Outputs['sync']['rejections'][number];
export type Approval = NonNullable<Inputs['refunds']['create']['approval']>;
