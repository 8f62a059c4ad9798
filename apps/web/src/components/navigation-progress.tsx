/** A thin bar at the top while the next page's data loads (client-side navigations only). */
export function NavigationProgress({ active }: { active: boolean }) {
  return (
    <div
      role="progressbar"
      aria-label="Loading page"
      aria-hidden={!active}
      style={{
        position: 'fixed',
        top: 0,
        left: 0,
        height: 3,
        zIndex: 300,
        background: 'var(--mantine-color-brand-6)',
        width: active ? '70%' : '0',
        opacity: active ? 1 : 0,
        transition: active ? 'width 2s ease-out, opacity .1s' : 'opacity .3s',
      }}
    />
  );
}
