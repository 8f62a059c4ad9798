import {
  IconApple,
  IconBook,
  IconBottle,
  IconBread,
  IconCake,
  IconCandy,
  IconCategory,
  IconCheese,
  IconCoffee,
  IconMeat,
  IconPalette,
  IconPlant,
  IconSalad,
  IconSoup,
  IconToolsKitchen2,
} from '@tabler/icons-react';

const ICONS: Record<string, typeof IconBread> = {
  bread: IconBread,
  pastries: IconCake,
  'coffee-tea': IconCoffee,
  deli: IconSalad,
  'fruit-veg': IconApple,
  pantry: IconToolsKitchen2,
  meat: IconMeat,
  cheese: IconCheese,
  sweets: IconCandy,
  homeware: IconPalette,
  plants: IconPlant,
  books: IconBook,
  'ready-meals': IconSoup,
  drinks: IconBottle,
};

export function CategoryIcon({ slug, size = 22 }: { slug: string; size?: number }) {
  const Icon = ICONS[slug] ?? IconCategory;
  return <Icon size={size} stroke={1.6} aria-hidden />;
}
