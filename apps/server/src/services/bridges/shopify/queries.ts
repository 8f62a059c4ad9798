/**
 * Every GraphQL document the Shopify connector sends (Admin API 2026-10), in one place so a test can validate each
 * one against the vendored schema. Fields selected here are the ones mapping.ts reads.
 */

const VARIANT_FIELDS = `id sku barcode price taxable updatedAt selectedOptions { name value } inventoryItem { id tracked }`;
const PRODUCT_FIELDS = `id legacyResourceId title descriptionHtml status updatedAt`;

export const SHOP_QUERY = `query MakeriesShop { shop { currencyCode taxesIncluded } }`;

export const LOCATIONS_QUERY = `query MakeriesLocations($after: String) {
  shop { currencyCode }
  locations(first: 100, after: $after, includeInactive: true) { nodes { id name isActive } pageInfo { hasNextPage endCursor } }
}`;

/** The first import's bulk query: products → variants → inventory item → levels (JSONL rows with `__parentId`). */
export const BULK_PRODUCTS_QUERY = `{
  products {
    edges { node { ${PRODUCT_FIELDS}
      variants { edges { node { ${VARIANT_FIELDS} } } }
    } }
  }
}`;

export const BULK_RUN_MUTATION = `mutation MakeriesBulkRun($query: String!) {
  bulkOperationRunQuery(query: $query) { bulkOperation { id status } userErrors { code field message } }
}`;

export const BULK_CURRENT_QUERY = `query MakeriesBulkCurrent { currentBulkOperation(type: QUERY) { id status errorCode url partialDataUrl objectCount query } }`;

export const BULK_STATUS_QUERY = `query MakeriesBulkStatus($id: ID!) {
  node(id: $id) { ... on BulkOperation { id status errorCode url partialDataUrl objectCount } }
}`;

/**
 * Shopify refuses a query whose *requested* cost (nested `first`s multiplied) exceeds 1,000 points: pages of 10
 * products with their first 30 variants stay well under it; the rest of a bigger product's variants is read by
 * PRODUCT_VARIANTS_QUERY.
 */
export const PRODUCT_PAGE = 10;
const PRODUCT_VARIANTS = `variants(first: 30) { nodes { ${VARIANT_FIELDS} } pageInfo { hasNextPage endCursor } }`;

export const PRODUCTS_SINCE_QUERY = `query MakeriesProductsSince($query: String!, $after: String) {
  shop { currencyCode taxesIncluded }
  products(first: ${String(PRODUCT_PAGE)}, query: $query, sortKey: UPDATED_AT, after: $after) {
    nodes { ${PRODUCT_FIELDS} ${PRODUCT_VARIANTS} }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const PRODUCT_VARIANTS_QUERY = `query MakeriesProductVariants($id: ID!, $after: String) {
  product(id: $id) { id variants(first: 100, after: $after) { nodes { ${VARIANT_FIELDS} } pageInfo { hasNextPage endCursor } } }
}`;

export const DELETED_PRODUCTS_QUERY = `query MakeriesDeletedProducts($query: String!, $after: String) {
  events(first: 100, query: $query, sortKey: CREATED_AT, after: $after) {
    nodes { ... on BasicEvent { subjectId subjectType action createdAt } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const PRODUCTS_BY_ID_QUERY = `query MakeriesProductsById($ids: [ID!]!) {
  shop { currencyCode taxesIncluded }
  nodes(ids: $ids) { ... on Product { ${PRODUCT_FIELDS} ${PRODUCT_VARIANTS} } }
}`;

export const LEVELS_QUERY = `query MakeriesLevels($ids: [ID!]!, $location: ID!) {
  nodes(ids: $ids) { ... on InventoryItem { id tracked inventoryLevel(locationId: $location) { updatedAt quantities(names: ["available"]) { name quantity updatedAt } } } }
}`;

export const ADJUST_MUTATION = `mutation MakeriesAdjust($input: InventoryAdjustQuantitiesInput!, $key: String!) {
  inventoryAdjustQuantities(input: $input) @idempotent(key: $key) {
    inventoryAdjustmentGroup { id createdAt changes { name delta quantityAfterChange item { id } location { id } } }
    userErrors { code field message }
  }
}`;

export const VARIANTS_OF_ITEMS_QUERY = `query MakeriesVariantsOfItems($ids: [ID!]!) {
  nodes(ids: $ids) { ... on InventoryItem { id variant { id } } }
}`;

const ORDER_FIELDS = `id name updatedAt cancelledAt closed displayFulfillmentStatus sourceIdentifier`;

export const ORDER_BY_SOURCE_QUERY = `query MakeriesOrderBySource($query: String!) {
  orders(first: 1, query: $query) { nodes { ${ORDER_FIELDS} } }
}`;

export const ORDER_CREATE_MUTATION = `mutation MakeriesOrderCreate($order: OrderCreateOrderInput!, $options: OrderCreateOptionsInput) {
  orderCreate(order: $order, options: $options) { order { ${ORDER_FIELDS} } userErrors { code field message } }
}`;

export const ORDER_QUERY = `query MakeriesOrder($id: ID!) {
  order(id: $id) { ${ORDER_FIELDS}
    fulfillmentOrders(first: 20) { nodes { id status } }
  }
}`;

export const FULFILL_MUTATION = `mutation MakeriesFulfil($fulfillment: FulfillmentInput!) {
  fulfillmentCreate(fulfillment: $fulfillment) { fulfillment { id status } userErrors { field message } }
}`;

export const ORDER_CANCEL_MUTATION = `mutation MakeriesOrderCancel($orderId: ID!) {
  orderCancel(orderId: $orderId, reason: OTHER, restock: true, notifyCustomer: false, refundMethod: { originalPaymentMethodsRefund: false }, staffNote: "Cancelled in Makeries") {
    job { id done } orderCancelUserErrors { code field message }
  }
}`;

export const APP_UNINSTALL_MUTATION = `mutation MakeriesUninstall { appUninstall { app { id } userErrors { code field message } } }`;
