/**
 * A QR code drawn from the modules the server computed (`loyalty.myQr`): one SVG path of dark squares, with the
 * quiet zone scanners need. No markup comes from the server, only "0"/"1" per module.
 */
export function LoyaltyQr({ size, modules, label }: { size: number; modules: string; label: string }) {
  const quiet = 4;
  const parts: string[] = [];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) if (modules[y * size + x] === '1') parts.push(`M${x + quiet} ${y + quiet}h1v1h-1z`);
  }
  const box = size + quiet * 2;
  return (
    <svg viewBox={`0 0 ${box} ${box}`} width={200} height={200} role="img" aria-label={label} shapeRendering="crispEdges" style={{ background: 'white', display: 'block' }}>
      <path d={parts.join('')} fill="black" />
    </svg>
  );
}
