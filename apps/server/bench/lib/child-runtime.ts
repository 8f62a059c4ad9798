/**
 * The child side of startChildServer: report the port, answer memory/CPU questions, stop on request or when
 * the parent goes away.
 */
export function serveChild(port: number, stop: () => Promise<void>): void {
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 100);
  sampler.unref();
  const shutdown = async () => {
    clearInterval(sampler);
    await stop().catch(() => undefined);
    process.exit(0);
  };
  process.on('message', (m: { type?: string }) => {
    if (m.type === 'stats') {
      const rss = process.memoryUsage.rss();
      peakRss = Math.max(peakRss, rss);
      const cpu = process.cpuUsage();
      const { heapUsed, heapTotal, external } = process.memoryUsage();
      process.send?.({ type: 'stats', rss, peakRss, cpuMs: (cpu.user + cpu.system) / 1000, heapUsed, heapTotal, external });
    } else if (m.type === 'stop') {
      void shutdown();
    }
  });
  process.on('disconnect', () => void shutdown());
  process.send?.({ type: 'ready', port });
}

export function failChild(err: unknown): never {
  process.send?.({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  process.exit(1);
}
