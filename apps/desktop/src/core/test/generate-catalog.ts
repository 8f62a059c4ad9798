import { gtinCheckDigit, uuidv7, type Change } from '@makeries/shared';

const ADJECTIVES = [
  'Golden', 'Rustic', 'Spiced', 'Smoked', 'Toasted', 'Salted', 'Honeyed', 'Roasted', 'Wild', 'Classic',
  'Malted', 'Seeded', 'Glazed', 'Candied', 'Pickled', 'Fresh', 'Aged', 'Creamy', 'Crispy', 'Zesty',
];
const NOUNS = [
  'Bagel', 'Brioche', 'Baguette', 'Focaccia', 'Muffin', 'Scone', 'Tart', 'Pie', 'Cookie', 'Brownie',
  'Granola', 'Chutney', 'Pesto', 'Relish', 'Marmalade', 'Honey', 'Butter', 'Yogurt', 'Cheddar', 'Gouda',
  'Salami', 'Olive', 'Pretzel', 'Waffle', 'Crumble',
];
const CATEGORIES = ['Bakery', 'Pantry', 'Dairy', 'Deli', 'Sweets', 'Drinks', 'Gifts', 'Frozen'];

/** EAN-13 for product i: prefix 400 keeps clear of the GS1 variable-measure prefixes 20–29. */
export function generatedBarcode(i: number): string {
  const body = `400${String(i).padStart(9, '0')}`;
  return `${body}${gtinCheckDigit(body)}`;
}

export function generatedSku(i: number): string {
  return `SKU-${String(i).padStart(6, '0')}`;
}

export function generatedName(i: number): string {
  return `${ADJECTIVES[i % ADJECTIVES.length]} ${NOUNS[Math.floor(i / ADJECTIVES.length) % NOUNS.length]}`;
}

export interface GeneratedCatalog {
  changes: Change[];
  variantIds: string[];
  categoryIds: string[];
}

/**
 * `n` products with one variant each, as change-feed rows: names from a small vocabulary (so prefixes match
 * many rows, like a real shop), unique SKUs and barcodes. None of the words starts with "sour".
 */
export function generateCatalog(n: number, vendorId: string): GeneratedCatalog {
  const changes: Change[] = [];
  const categoryIds = CATEGORIES.map((name, i) => {
    const id = uuidv7();
    changes.push({ entity: 'category', op: 'upsert', id, data: { slug: name.toLowerCase(), name, sort: i } });
    return id;
  });
  const variantIds: string[] = [];
  for (let i = 0; i < n; i++) {
    const productId = uuidv7();
    const variantId = uuidv7();
    variantIds.push(variantId);
    changes.push({
      entity: 'product',
      op: 'upsert',
      id: productId,
      data: { vendorId, name: generatedName(i), categoryId: categoryIds[i % categoryIds.length], archived: false, onlineVisible: true },
    });
    changes.push({
      entity: 'variant',
      op: 'upsert',
      id: variantId,
      data: {
        productId, vendorId, name: 'Default', sku: generatedSku(i), barcode: generatedBarcode(i),
        priceCents: 100 + (i % 2000), taxClass: 'standard', soldBy: 'each', trackStock: true, archived: false,
      },
    });
    changes.push({ entity: 'stock_level', op: 'upsert', id: variantId, data: { onHand: i % 50, reserved: 0 } });
  }
  return { changes, variantIds, categoryIds };
}
