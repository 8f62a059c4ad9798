import type { Plain } from './schema';
import { gid, restTime, type ProductRecord, type ShopState, type VariantRecord } from './state';

/** Available summed over the variant's locations (REST `inventory_quantity`, GraphQL `inventoryQuantity`). */
export function variantAvailable(shop: ShopState, v: VariantRecord): number {
  const item = shop.items.get(v.inventoryItemId);
  let sum = 0;
  for (const l of item?.levels.values() ?? []) sum += l.available;
  return sum;
}

/** The REST resource of products/create and products/update (numeric ids, snake_case, shop-local times). */
export function restProduct(shop: ShopState, p: ProductRecord): Plain {
  const tz = shop.ianaTimezone;
  const variants = p.variantIds.flatMap((id) => shop.variants.get(id) ?? []);
  const optionNames = [...new Set(variants.flatMap((v) => v.options.map((o) => o.name)))];
  return {
    id: p.id,
    admin_graphql_api_id: gid('Product', p.id),
    title: p.title,
    body_html: p.descriptionHtml,
    vendor: p.vendor,
    product_type: p.productType,
    status: p.status.toLowerCase(),
    handle: p.handle,
    tags: p.tags.join(', '),
    created_at: restTime(p.createdAt, tz),
    updated_at: restTime(p.updatedAt, tz),
    options: optionNames.map((name, i) => ({
      id: p.id * 10 + i,
      product_id: p.id,
      name,
      position: i + 1,
      values: [...new Set(variants.flatMap((v) => v.options.filter((o) => o.name === name).map((o) => o.value)))],
    })),
    variants: variants.map((v) => ({
      id: v.id,
      admin_graphql_api_id: gid('ProductVariant', v.id),
      product_id: p.id,
      title: v.title,
      option1: v.options[0]?.value ?? null,
      option2: v.options[1]?.value ?? null,
      option3: v.options[2]?.value ?? null,
      price: v.price,
      compare_at_price: v.compareAtPrice,
      sku: v.sku,
      barcode: v.barcode,
      taxable: v.taxable,
      inventory_item_id: v.inventoryItemId,
      inventory_quantity: variantAvailable(shop, v),
      inventory_policy: v.inventoryPolicy.toLowerCase(),
      position: v.position,
      updated_at: restTime(v.updatedAt, tz),
    })),
    images: [],
  };
}
