import { randomUUID } from 'node:crypto';

/** The fake's data, in Toast's own shapes where they go on the wire (test and bench code only). */

export interface FakeItem {
  mlid: string;
  /** version-specific: a new one each time the menu is published */
  guid: string;
  name: string;
  description: string;
  /** dollars, as Toast sends them; null: priced at the till */
  price: number | null;
  groupMlid: string;
  sku: string | null;
  taxGuids: string[];
  taxInclusion: 'TAX_INCLUDED' | 'TAX_NOT_INCLUDED';
  image: string | null;
  /** has a REQUIRED modifier group (sold in store only) */
  requiredChoice: boolean;
}

interface FakeGroup {
  mlid: string;
  guid: string;
  name: string;
  parentMlid: string | null;
}

export type StockStatus = 'IN_STOCK' | 'QUANTITY' | 'OUT_OF_STOCK';

export interface FakeStock {
  status: StockStatus;
  quantity: number | null;
}

export interface FakeSelection {
  guid: string;
  externalId: string | null;
  item: { guid: string; entityType: 'MenuItem'; multiLocationId: string };
  itemGroup: { guid: string; entityType: 'MenuGroup' };
  quantity: number;
  price: number;
  voided: boolean;
  fulfillmentStatus: 'NEW' | 'SENT' | 'READY';
}

export interface FakeOrder {
  guid: string;
  entityType: 'Order';
  externalId: string | null;
  source: string;
  openedDate: string;
  modifiedDate: string;
  approvalStatus: string;
  voided: boolean;
  deleted: boolean;
  diningOption: { guid: string; entityType: 'DiningOption' };
  checks: {
    guid: string;
    entityType: 'Check';
    externalId: string | null;
    paymentStatus: 'OPEN' | 'PAID' | 'CLOSED';
    totalAmount: number;
    customer: Record<string, unknown> | null;
    payments: { guid: string; type: string; amount: number; otherPayment?: { guid: string } }[];
    selections: FakeSelection[];
  }[];
  /** fake only: bytes added to reach Toast's 600 KB payloads */
  _padding?: string;
}

export interface FakeRestaurant {
  guid: string;
  name: string;
  locationName: string;
  currencyCode: string | null;
  createdBy: string;
  /** the restaurant removed the integration */
  deleted: boolean;
  lastUpdated: string;
  groups: Map<string, FakeGroup>;
  items: Map<string, FakeItem>;
  stock: Map<string, FakeStock>;
  orders: Map<string, FakeOrder>;
  externalIds: Map<string, string>;
  taxRates: { guid: string; name: string; rate: number; type: string }[];
  diningOptions: { guid: string; name: string; behavior: string }[];
}

export const newGuid = (): string => randomUUID();

/** Toast's time format: `2026-11-21T08:59:30.000+0000`. */
export function toastTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

export function newRestaurant(guid: string, opts: { name?: string; locationName?: string; currencyCode?: string | null; createdBy?: string }): FakeRestaurant {
  return {
    guid,
    name: opts.name ?? 'Corner Bakery',
    locationName: opts.locationName ?? 'High St',
    currencyCode: opts.currencyCode === undefined ? 'USD' : opts.currencyCode,
    createdBy: opts.createdBy ?? 'owner@corner.test',
    deleted: false,
    lastUpdated: toastTime(Date.UTC(2026, 10, 1)),
    groups: new Map(),
    items: new Map(),
    stock: new Map(),
    orders: new Map(),
    externalIds: new Map(),
    taxRates: [
      { guid: 'tax-state', name: 'State tax', rate: 6.25, type: 'PERCENT' },
      { guid: 'tax-city', name: 'City tax', rate: 2.625, type: 'PERCENT' },
    ],
    diningOptions: [
      { guid: 'dine-in-0001', name: 'Dine in', behavior: 'DINE_IN' },
      { guid: 'take-out-0001', name: 'Take out', behavior: 'TAKE_OUT' },
    ],
  };
}

/** Toast's menus document (menus v2) for the current published version. */
export function menusDocument(r: FakeRestaurant): Record<string, unknown> {
  const requiredRef = '1';
  const optionalRef = '2';
  const itemJson = (i: FakeItem) => ({
    name: i.name,
    kitchenName: i.name,
    guid: i.guid,
    multiLocationId: i.mlid,
    masterId: Number(i.mlid),
    description: i.description,
    posName: i.name,
    image: i.image,
    visibility: ['POS', 'KIOSK', 'TOAST_ONLINE_ORDERING', 'ORDERING_PARTNERS'],
    price: i.price,
    pricingStrategy: i.price === null ? 'OPEN_PRICE' : 'BASE_PRICE',
    taxInfo: i.taxGuids,
    taxInclusion: i.taxInclusion,
    sku: i.sku,
    plu: '',
    modifierGroupReferences: i.requiredChoice ? [Number(requiredRef), Number(optionalRef)] : [Number(optionalRef)],
  });
  const groupJson = (g: FakeGroup): Record<string, unknown> => ({
    name: g.name,
    guid: g.guid,
    multiLocationId: g.mlid,
    menuGroups: [...r.groups.values()].filter((c) => c.parentMlid === g.mlid).map(groupJson),
    menuItems: [...r.items.values()].filter((i) => i.groupMlid === g.mlid).map(itemJson),
  });
  return {
    restaurantGuid: r.guid,
    lastUpdated: r.lastUpdated,
    restaurantTimeZone: 'America/New_York',
    menus: [{ name: 'Main', guid: `menu-${r.guid}`, multiLocationId: '900000000000000001', menuGroups: [...r.groups.values()].filter((g) => g.parentMlid === null).map(groupJson) }],
    modifierGroupReferences: {
      [requiredRef]: { referenceId: Number(requiredRef), guid: 'mg-size', name: 'Size', requiredMode: 'REQUIRED', minSelections: 1, maxSelections: 1, isMultiSelect: false, modifierOptionReferences: [] },
      [optionalRef]: { referenceId: Number(optionalRef), guid: 'mg-extras', name: 'Extras', requiredMode: 'OPTIONAL_FORCE_SHOW', minSelections: 0, maxSelections: 3, isMultiSelect: true, modifierOptionReferences: [] },
    },
    modifierOptionReferences: {},
    preModifierGroupReferences: {},
  };
}

export function inventoryJson(mlid: string, item: FakeItem | undefined, s: FakeStock | undefined): Record<string, unknown> {
  const stock = s ?? { status: 'IN_STOCK', quantity: null };
  return { guid: item?.guid ?? null, multiLocationId: mlid, versionId: item?.guid ?? null, status: stock.status, quantity: stock.status === 'QUANTITY' ? stock.quantity : null, itemGuidValidity: item ? 'VALID' : 'INVALID' };
}

/** The webhook band of a stock state: Toast sends a stock webhook only when it changes. */
export function stockBand(s: FakeStock): 'in_stock' | 'low_quantity' | 'out_of_stock' {
  if (s.status === 'OUT_OF_STOCK' || (s.status === 'QUANTITY' && (s.quantity ?? 0) <= 0)) return 'out_of_stock';
  if (s.status === 'QUANTITY' && (s.quantity ?? 0) <= 5) return 'low_quantity';
  return 'in_stock';
}
