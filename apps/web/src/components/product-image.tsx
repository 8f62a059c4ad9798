import { IconPhotoOff } from '@tabler/icons-react';

/** Square product picture with its box reserved before it loads (no layout shift). */
export function ProductImage({ src, alt, size, eager = false }: { src: string | null; alt: string; size: number; eager?: boolean }) {
  if (!src) {
    return (
      <div className="mk-img" style={{ display: 'grid', placeItems: 'center', color: '#a39b90' }} role="img" aria-label={alt || 'No picture'}>
        <IconPhotoOff size={Math.max(24, size / 6)} stroke={1.3} aria-hidden />
      </div>
    );
  }
  return <img className="mk-img" src={src} alt={alt} width={size} height={size} loading={eager ? 'eager' : 'lazy'} decoding="async" />;
}
