import { UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';

/** A selectable row of a master list (sales, web orders): full width, the open one marked by a bar on the left. */
export function ListRow({ active, onOpen, testId, children }: { active: boolean; onOpen: () => void; testId: string; children: ReactNode }) {
  return (
    <UnstyledButton
      onClick={onOpen}
      aria-current={active ? 'true' : undefined}
      px="md"
      py={10}
      w="100%"
      data-testid={testId}
      style={{
        display: 'block',
        borderBottom: '1px solid var(--mantine-color-ink-1)',
        background: active ? 'var(--mantine-color-brand-0)' : undefined,
        borderLeft: active ? '4px solid var(--mantine-color-brand-6)' : '4px solid transparent',
      }}
    >
      {children}
    </UnstyledButton>
  );
}
