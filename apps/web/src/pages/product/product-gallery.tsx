import { Group, UnstyledButton } from '@mantine/core';
import { useState } from 'react';
import type { ProductDetail } from '../../app/api';
import { ProductImage } from '../../components/product-image';

/** The main picture (800 px, box reserved before it loads) and, with several, buttons to switch between them. */
export function ProductGallery({ product }: { product: ProductDetail }) {
  const [index, setIndex] = useState(0);
  const current = product.images[index] ?? product.images[0];
  return (
    <div>
      <div style={{ borderRadius: 16, overflow: 'hidden', border: '1px solid #e6e1da' }}>
        <ProductImage src={current?.mediumUrl ?? null} alt={current?.alt || product.name} size={800} eager />
      </div>
      {product.images.length > 1 && (
        <Group gap="xs" mt="xs">
          {product.images.map((img, i) => (
            <UnstyledButton
              key={img.id}
              onClick={() => setIndex(i)}
              aria-label={`Show picture ${i + 1} of ${product.images.length}`}
              aria-pressed={i === index}
              style={{ width: 64, borderRadius: 8, overflow: 'hidden', outline: i === index ? '2px solid var(--mantine-color-brand-7)' : '1px solid #e6e1da' }}
            >
              <ProductImage src={img.thumbUrl} alt="" size={64} />
            </UnstyledButton>
          ))}
        </Group>
      )}
    </div>
  );
}
