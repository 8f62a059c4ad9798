import { Table, Text } from '@mantine/core';

export interface StackedPoint {
  label: string;
  web: number;
  counter: number;
}

const WEB = 'var(--mantine-color-blue-6)';
const COUNTER = 'var(--mantine-color-orange-6)';
const W = 640;
const H = 180;
const PAD = { left: 8, right: 8, top: 8, bottom: 32 };

/**
 * Stacked bars (web under counter) per day or week, in plain SVG that scales to its box. Screen readers get the
 * summary in `aria-label` and the numbers in the table under "Show as table".
 */
export function StackedBars({ title, points, format }: { title: string; points: readonly StackedPoint[]; format: (n: number) => string }) {
  const max = Math.max(1, ...points.map((p) => p.web + p.counter));
  const inner = { w: W - PAD.left - PAD.right, h: H - PAD.top - PAD.bottom };
  const step = inner.w / Math.max(1, points.length);
  const bar = Math.max(1, step * 0.8);
  const y = (v: number) => (v / max) * inner.h;
  const total = points.reduce((a, p) => a + p.web + p.counter, 0);
  const first = points[0]?.label ?? '';
  const last = points.at(-1)?.label ?? '';
  return (
    <figure style={{ margin: 0 }}>
      <Text fw={600} size="sm" component="figcaption" mb={4}>
        {title}
      </Text>
      <svg
        viewBox={`0 0 ${String(W)} ${String(H)}`}
        width="100%"
        role="img"
        aria-label={`${title}: ${format(total)} in total from ${first} to ${last}, highest ${format(max)}`}
        style={{ display: 'block', maxHeight: 220 }}
      >
        <line x1={PAD.left} x2={W - PAD.right} y1={PAD.top + inner.h} y2={PAD.top + inner.h} stroke="var(--mantine-color-gray-4)" />
        {points.map((p, i) => {
          const x = PAD.left + i * step + (step - bar) / 2;
          const hw = y(p.web);
          const hc = y(p.counter);
          const base = PAD.top + inner.h;
          return (
            <g key={p.label}>
              <title>{`${p.label}: web ${format(p.web)}, counter ${format(p.counter)}`}</title>
              <rect x={x} y={base - hw} width={bar} height={hw} fill={WEB} />
              <rect x={x} y={base - hw - hc} width={bar} height={hc} fill={COUNTER} />
            </g>
          );
        })}
        <text x={PAD.left} y={H - 7} fontSize="22" fill="var(--mantine-color-dimmed)">
          {first}
        </text>
        <text x={W - PAD.right} y={H - 7} fontSize="22" textAnchor="end" fill="var(--mantine-color-dimmed)">
          {last}
        </text>
      </svg>
      <Legend />
      <details>
        <summary>
          <Text span size="sm">
            Show as table
          </Text>
        </summary>
        <Table.ScrollContainer minWidth={300} maxHeight={260}>
          <Table striped fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Period</Table.Th>
                <Table.Th ta="right">Web</Table.Th>
                <Table.Th ta="right">Counter</Table.Th>
                <Table.Th ta="right">Total</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {points.map((p) => (
                <Table.Tr key={p.label}>
                  <Table.Td>{p.label}</Table.Td>
                  <Table.Td ta="right">{format(p.web)}</Table.Td>
                  <Table.Td ta="right">{format(p.counter)}</Table.Td>
                  <Table.Td ta="right">{format(p.web + p.counter)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </details>
    </figure>
  );
}

function Swatch({ color, label }: { color: string; label: string }) {
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 4, marginRight: 12 }}>
      <span aria-hidden style={{ width: 10, height: 10, background: color, display: 'inline-block', borderRadius: 2 }} />
      <Text span size="xs">
        {label}
      </Text>
    </span>
  );
}

function Legend() {
  return (
    <div>
      <Swatch color={WEB} label="Web" />
      <Swatch color={COUNTER} label="Counter" />
    </div>
  );
}

/** One horizontal bar split web / counter, with the percentages written out. */
export function ShareBar({ title, web, counter, format }: { title: string; web: number; counter: number; format: (n: number) => string }) {
  const total = web + counter;
  const webPct = total > 0 ? Math.round((web / total) * 100) : 0;
  const label = total > 0 ? `web ${String(webPct)} % (${format(web)}), counter ${String(100 - webPct)} % (${format(counter)})` : 'nothing yet';
  return (
    <div>
      <Text fw={600} size="sm" mb={4}>
        {title}: {label}
      </Text>
      <svg viewBox="0 0 100 6" width="100%" height={14} preserveAspectRatio="none" role="img" aria-label={`${title}: ${label}`} style={{ display: 'block' }}>
        <rect x={0} y={0} width={100} height={6} fill="var(--mantine-color-gray-2)" />
        {total > 0 && <rect x={0} y={0} width={(web / total) * 100} height={6} fill={WEB} />}
        {total > 0 && <rect x={(web / total) * 100} y={0} width={(counter / total) * 100} height={6} fill={COUNTER} />}
      </svg>
    </div>
  );
}
