import { logoDots, type ReceiptLogo } from '@makeries/shared';
import { useEffect, useRef } from 'react';

/** The logo exactly as the printer gets it: black dots on white, one canvas pixel per printer dot. */
export function StoreLogoCanvas({ logo, maxWidth = 288 }: { logo: ReceiptLogo; maxWidth?: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    canvas.width = logo.width;
    canvas.height = logo.height;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, logo.width, logo.height);
    ctx.fillStyle = '#111';
    logoDots(logo).forEach((row, y) => row.forEach((on, x) => on && ctx.fillRect(x, y, 1, 1)));
  }, [logo]);
  return <canvas ref={ref} aria-label="Receipt logo as printed" style={{ width: Math.min(maxWidth, logo.width), imageRendering: 'pixelated', display: 'block' }} />;
}
