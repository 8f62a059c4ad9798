import { Avatar } from '@mantine/core';

const COLORS = ['brand', 'indigo', 'grape', 'orange', 'cyan', 'pink', 'lime', 'violet'];

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? '?';
  const last = parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

/** Initials in a colour that stays the same for a person, so staff find themselves at a glance. */
export function StaffAvatar({ name, size = 'md' }: { name: string; size?: number | 'sm' | 'md' | 'lg' | 'xl' }) {
  let hash = 7;
  for (const c of name) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return (
    <Avatar color={COLORS[hash % COLORS.length]} radius="xl" size={size} variant="filled">
      {initials(name)}
    </Avatar>
  );
}
