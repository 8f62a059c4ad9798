import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { CounterRouter } from '../../core/router/index';

/*
 * Types of the counter API by dotted path ("cart.current"), read from `CounterRouter` (type-only import: the
 * renderer never loads core code). The hooks in `hooks.ts` take a path and get input and output types from here.
 */

export type { CounterRouter };
export type Inputs = inferRouterInputs<CounterRouter>;
export type Outputs = inferRouterOutputs<CounterRouter>;

type Rec = CounterRouter['_def']['record'];
type KindOf<T> = T extends { _def: { type: infer K } } ? K : never;

type PathsOfKind<K extends string> = {
  [D in keyof Rec & string]: { [N in keyof Rec[D] & string]: KindOf<Rec[D][N]> extends K ? `${D}.${N}` : never }[keyof Rec[D] & string];
}[keyof Rec & string];

export type QueryPath = PathsOfKind<'query'>;
export type MutationPath = PathsOfKind<'mutation'>;
export type SubscriptionPath = PathsOfKind<'subscription'>;
export type ApiPath = QueryPath | MutationPath | SubscriptionPath;

type Split<P extends string> = P extends `${infer D}.${infer N}` ? [D, N] : never;

export type InputOf<P extends ApiPath> =
  Split<P> extends [infer D extends keyof Inputs, infer N] ? (N extends keyof Inputs[D] ? Inputs[D][N] : never) : never;
export type OutputOf<P extends ApiPath> =
  Split<P> extends [infer D extends keyof Outputs, infer N] ? (N extends keyof Outputs[D] ? Outputs[D][N] : never) : never;

/** Procedures whose input may be left out take an optional argument; the rest require it. */
export type InputArgs<P extends ApiPath> = undefined extends InputOf<P> ? [input?: InputOf<P>] : [input: InputOf<P>];

/** What the counter answers with, by name, for components' props. */
export type CartView = NonNullable<Outputs['cart']['current']>;
export type CartLine = CartView['lines'][number];
export type SaleView = Outputs['sales']['byId'];
export type SaleLine = SaleView['lines'][number];
export type TenderInfo = Outputs['sales']['tender'];
export type StaffMember = Outputs['staff']['list'][number];
export type SignedIn = NonNullable<Outputs['staff']['me']>;
export type DeviceStatus = Outputs['device']['status'];
export type SyncStatus = Outputs['sync']['status'];
export type SearchHit = Outputs['catalog']['search'][number];
export type WebOrder = Outputs['webOrders']['list'][number];
export type ShiftReport = Outputs['shifts']['xReport'];
export type Rejection = Outputs['sync']['rejections'][number];
export type Approval = NonNullable<Inputs['refunds']['create']['approval']>;
