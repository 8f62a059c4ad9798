import { Kind, OperationTypeNode, TypeInfo, getNamedType, visit, visitWithTypeInfo, type DocumentNode, type OperationDefinitionNode, type ValueNode } from 'graphql';
import { adminSchema } from './schema';
import type { FakeClock, ShopState } from './state';

export interface BucketSettings {
  maximumAvailable: number;
  restoreRate: number;
}

export interface QueryCost {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
}

/** Shopify's single-query ceiling. */
export const MAX_QUERY_COST = 1000;
export const MUTATION_COST = 10;

function intValue(node: ValueNode | undefined, variables: Record<string, unknown>): number {
  if (!node) return 0;
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.VARIABLE) {
    const v = variables[node.name.value];
    return typeof v === 'number' ? v : 0;
  }
  return 0;
}

/**
 * A simplified version of Shopify's calculated cost: a query costs 1 plus the `first` of every connection it
 * selects (not multiplied by the enclosing page, unlike Shopify); every mutation root field costs 10.
 */
export function requestedCost(document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): number {
  if (operation.operation === OperationTypeNode.MUTATION) return MUTATION_COST * operation.selectionSet.selections.length;
  const typeInfo = new TypeInfo(adminSchema());
  let cost = 1;
  const counted = new Set<unknown>();
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      OperationDefinition: (node) => (node === operation ? undefined : false),
      Field: (node) => {
        const type = typeInfo.getType();
        if (!type || counted.has(node)) return;
        counted.add(node);
        if (getNamedType(type).name.endsWith('Connection')) {
          cost += intValue(node.arguments?.find((a) => a.name.value === 'first')?.value, variables);
        }
      },
    }),
  );
  return cost;
}

/** The per shop leaky bucket on the fake clock. */
export class CostBucket {
  constructor(
    private readonly settings: BucketSettings,
    private readonly clock: FakeClock,
  ) {}

  private refill(shop: ShopState): void {
    const now = this.clock.now();
    const gained = ((now - shop.bucket.at) / 1000) * this.settings.restoreRate;
    shop.bucket.available = Math.min(this.settings.maximumAvailable, shop.bucket.available + Math.max(0, gained));
    shop.bucket.at = now;
  }

  status(shop: ShopState): QueryCost['throttleStatus'] {
    this.refill(shop);
    return { maximumAvailable: this.settings.maximumAvailable, currentlyAvailable: Math.floor(shop.bucket.available), restoreRate: this.settings.restoreRate };
  }

  /** Takes `requested` points when they fit; false when the query must be answered THROTTLED. */
  admit(shop: ShopState, requested: number): boolean {
    this.refill(shop);
    if (requested > shop.bucket.available) return false;
    shop.bucket.available -= requested;
    return true;
  }

  /** Gives back what an admitted query did not use (requested - actual). */
  refund(shop: ShopState, points: number): void {
    shop.bucket.available = Math.min(this.settings.maximumAvailable, shop.bucket.available + Math.max(0, points));
  }

  /** Empties the bucket (tests of THROTTLED without many calls). */
  drain(shop: ShopState): void {
    this.refill(shop);
    shop.bucket.available = 0;
  }
}
