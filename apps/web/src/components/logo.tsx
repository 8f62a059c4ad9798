import { IconBuildingStore } from '@tabler/icons-react';

export function Logo() {
  return (
    <>
      <IconBuildingStore size={26} stroke={1.8} aria-hidden />
      <span>Makeries</span>
    </>
  );
}
