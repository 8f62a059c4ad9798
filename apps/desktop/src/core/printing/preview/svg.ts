import { decodeBase64, bytesPerRow } from '@makeries/shared';
import QRCode from 'qrcode';

/** Dots per mm of a 203 dpi thermal head: QR modules and logo dots are sized in printer dots. */
const DOTS_PER_MM = 8;

/** One path of horizontal runs: small SVG, crisp edges, no per-dot elements. */
function runsPath(size: { width: number; height: number }, on: (x: number, y: number) => boolean, offset: number): string {
  let d = '';
  for (let y = 0; y < size.height; y++) {
    let x = 0;
    while (x < size.width) {
      if (!on(x, y)) {
        x += 1;
        continue;
      }
      const start = x;
      while (x < size.width && on(x, y)) x += 1;
      d += `M${start + offset} ${y + offset}h${x - start}v1h${start - x}z`;
    }
  }
  return d;
}

function svg(viewW: number, viewH: number, widthMm: number, heightMm: number, d: string, label: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${label}" viewBox="0 0 ${viewW} ${viewH}" ` +
    `width="${widthMm}mm" height="${heightMm}mm" shape-rendering="crispEdges"><path fill="#000" d="${d}"/></svg>`
  );
}

/**
 * The QR the printer draws: same data, error correction M, `cellSize` dots per module, plus the 4-module
 * quiet zone a scanner needs (the printer leaves that margin as blank paper).
 */
export function qrSvg(data: string, cellSize: number): string {
  const qr = QRCode.create(data, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 4;
  const total = n + quiet * 2;
  const mm = (total * cellSize) / DOTS_PER_MM;
  const d = runsPath({ width: n, height: n }, (x, y) => qr.modules.get(y, x) === 1, quiet);
  return svg(total, total, mm, mm, d, 'QR code');
}

/** The logo raster, one SVG unit per printer dot. */
export function logoSvg(logo: { width: number; height: number; bits: string }): string {
  const bytes = decodeBase64(logo.bits);
  const stride = bytesPerRow(logo.width);
  const on = (x: number, y: number) => (((bytes[y * stride + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1) === 1;
  const d = runsPath(logo, on, 0);
  return svg(logo.width, logo.height, logo.width / DOTS_PER_MM, logo.height / DOTS_PER_MM, d, 'Logo');
}
