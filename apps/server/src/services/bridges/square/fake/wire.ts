/**
 * The JSON the fake stores and answers, in Square's REST wire format (snake_case, money and versions as JSON
 * integers). Only the fields the fake models; Square's schemas (shared/reference/square/api.json) have more.
 */

export interface MoneyWire {
  amount: number;
  currency: string;
}

interface ItemDataWire {
  name?: string;
  description?: string;
  categories?: { id: string }[];
  tax_ids?: string[];
  variations?: CatalogObjectWire[];
  image_ids?: string[];
  is_archived?: boolean;
  is_taxable?: boolean;
  product_type?: string;
}

interface LocationOverrideWire {
  location_id: string;
  price_money?: MoneyWire;
  pricing_type?: 'FIXED_PRICING' | 'VARIABLE_PRICING';
  track_inventory?: boolean;
  sold_out?: boolean;
}

interface VariationDataWire {
  item_id: string;
  name?: string;
  sku?: string;
  upc?: string;
  ordinal?: number;
  pricing_type: 'FIXED_PRICING' | 'VARIABLE_PRICING';
  price_money?: MoneyWire;
  track_inventory?: boolean;
  sellable?: boolean;
  stockable?: boolean;
  location_overrides?: LocationOverrideWire[];
  image_ids?: string[];
}

export interface TaxDataWire {
  name: string;
  percentage: string;
  inclusion_type: 'ADDITIVE' | 'INCLUSIVE';
  calculation_phase?: 'TAX_SUBTOTAL_PHASE' | 'TAX_TOTAL_PHASE';
  enabled: boolean;
  applies_to_custom_amounts?: boolean;
}

type CatalogTypeWire = 'ITEM' | 'ITEM_VARIATION' | 'CATEGORY' | 'TAX' | 'IMAGE';

export interface CatalogObjectWire {
  type: CatalogTypeWire;
  id: string;
  updated_at?: string;
  version?: number;
  is_deleted?: boolean;
  present_at_all_locations?: boolean;
  present_at_location_ids?: string[];
  absent_at_location_ids?: string[];
  item_data?: ItemDataWire;
  item_variation_data?: VariationDataWire;
  category_data?: { name: string };
  tax_data?: TaxDataWire;
  image_data?: { name?: string; url: string; caption?: string };
}

export interface SourceWire {
  product?: string;
  application_id?: string;
  name?: string;
}

interface InventoryAdjustmentWire {
  id: string;
  reference_id?: string;
  from_state: string;
  to_state: string;
  location_id?: string;
  from_location_id?: string;
  to_location_id?: string;
  catalog_object_id: string;
  catalog_object_type: string;
  quantity: string;
  occurred_at: string;
  created_at: string;
  source: SourceWire;
  transaction_id?: string;
}

interface InventoryPhysicalCountWire {
  id: string;
  reference_id?: string;
  catalog_object_id: string;
  catalog_object_type: string;
  state: string;
  location_id: string;
  quantity: string;
  occurred_at: string;
  created_at: string;
  source: SourceWire;
}

export interface InventoryChangeWire {
  type: 'ADJUSTMENT' | 'PHYSICAL_COUNT';
  adjustment?: InventoryAdjustmentWire;
  physical_count?: InventoryPhysicalCountWire;
}

export interface InventoryCountWire {
  catalog_object_id: string;
  catalog_object_type: string;
  state: string;
  location_id: string;
  quantity: string;
  calculated_at: string;
}

export interface OrderLineItemWire {
  uid: string;
  name?: string;
  quantity: string;
  catalog_object_id?: string;
  catalog_version?: number;
  variation_name?: string;
  item_type: 'ITEM' | 'CUSTOM_AMOUNT';
  note?: string;
  metadata?: Record<string, string>;
  base_price_money: MoneyWire;
  variation_total_price_money: MoneyWire;
  gross_sales_money: MoneyWire;
  total_tax_money: MoneyWire;
  total_discount_money: MoneyWire;
  total_money: MoneyWire;
  total_service_charge_money: MoneyWire;
}

interface PickupDetailsWire {
  recipient?: { display_name?: string; phone_number?: string; email_address?: string; customer_id?: string };
  schedule_type?: 'SCHEDULED' | 'ASAP';
  pickup_at?: string;
  prep_time_duration?: string;
  note?: string;
  placed_at?: string;
  accepted_at?: string;
  ready_at?: string;
  picked_up_at?: string;
  canceled_at?: string;
  cancel_reason?: string;
}

export type FulfillmentStateWire = 'PROPOSED' | 'RESERVED' | 'PREPARED' | 'COMPLETED' | 'CANCELED' | 'FAILED';

export interface FulfillmentWire {
  uid: string;
  type: 'PICKUP';
  state: FulfillmentStateWire;
  pickup_details?: PickupDetailsWire;
  metadata?: Record<string, string>;
}

interface TenderWire {
  id: string;
  location_id: string;
  transaction_id: string;
  created_at: string;
  amount_money: MoneyWire;
  type: 'OTHER' | 'CASH';
  payment_id?: string;
  note?: string;
}

type OrderStateWire = 'OPEN' | 'COMPLETED' | 'CANCELED';

export interface OrderWire {
  id: string;
  location_id: string;
  reference_id?: string;
  source?: { name?: string };
  line_items: OrderLineItemWire[];
  fulfillments?: FulfillmentWire[];
  tenders?: TenderWire[];
  metadata?: Record<string, string>;
  created_at: string;
  updated_at: string;
  closed_at?: string;
  state: OrderStateWire;
  version: number;
  total_money: MoneyWire;
  total_tax_money: MoneyWire;
  total_discount_money: MoneyWire;
  total_tip_money: MoneyWire;
  total_service_charge_money: MoneyWire;
  net_amounts: {
    total_money: MoneyWire;
    tax_money: MoneyWire;
    discount_money: MoneyWire;
    tip_money: MoneyWire;
    service_charge_money: MoneyWire;
  };
  net_amount_due_money: MoneyWire;
}

export interface PaymentWire {
  id: string;
  created_at: string;
  updated_at: string;
  amount_money: MoneyWire;
  total_money: MoneyWire;
  approved_money: MoneyWire;
  status: 'COMPLETED';
  source_type: 'EXTERNAL';
  external_details: { type: string; source: string; source_id?: string };
  location_id: string;
  order_id?: string;
  reference_id?: string;
  note?: string;
  receipt_number: string;
  application_details: { square_product: 'ECOMMERCE_API'; application_id: string };
  version_token: string;
}

export interface SquareErrorWire {
  category: string;
  code: string;
  detail: string;
  field?: string;
}
