/** The demo city: independent shops around central Bristol (real-looking, fictional). */
export interface SeedVendor {
  slug: string;
  name: string;
  kind: SeedKind;
  description: string;
  address: string;
  postcode: string;
  lat: number;
  lng: number;
  hours: 'early' | 'shop' | 'late' | 'weekend-market';
  delivery: boolean;
  minOrderCents: number;
  taxMode: 'inclusive' | 'exclusive';
}

export type SeedKind = 'bakery' | 'coffee' | 'deli' | 'grocer' | 'butcher' | 'cheese' | 'sweets' | 'craft' | 'plants' | 'books' | 'kitchen' | 'drinks';

export const SEED_VENDORS: SeedVendor[] = [
  { slug: 'harbourside-bakehouse', name: 'Harbourside Bakehouse', kind: 'bakery', description: 'Slow-fermented sourdough and laminated pastries baked before dawn on the harbour.', address: '12 Narrow Quay', postcode: 'BS1 4QA', lat: 51.4496, lng: -2.5973, hours: 'early', delivery: true, minOrderCents: 800, taxMode: 'inclusive' },
  { slug: 'crumb-and-co', name: 'Crumb & Co.', kind: 'bakery', description: 'Neighbourhood bakery for cinnamon buns, rye loaves and birthday cakes.', address: '88 Gloucester Road', postcode: 'BS7 8BN', lat: 51.4718, lng: -2.5906, hours: 'early', delivery: false, minOrderCents: 0, taxMode: 'inclusive' },
  { slug: 'two-rivers-coffee', name: 'Two Rivers Coffee Roasters', kind: 'coffee', description: 'Small-batch roastery: single-origin beans, espresso blends and brewing kit.', address: '3 Stokes Croft', postcode: 'BS1 3PL', lat: 51.4625, lng: -2.5889, hours: 'shop', delivery: true, minOrderCents: 1500, taxMode: 'inclusive' },
  { slug: 'the-larder-on-park-street', name: 'The Larder on Park Street', kind: 'deli', description: 'Deli counter with cured meats, olives, antipasti and fresh pasta made daily.', address: '41 Park Street', postcode: 'BS1 5NH', lat: 51.4550, lng: -2.6025, hours: 'shop', delivery: true, minOrderCents: 1200, taxMode: 'inclusive' },
  { slug: 'greenleaf-grocer', name: 'Greenleaf Grocer', kind: 'grocer', description: 'Seasonal fruit and veg from farms within forty miles, plus pantry staples.', address: '150 North Street', postcode: 'BS3 1HA', lat: 51.4407, lng: -2.6105, hours: 'shop', delivery: true, minOrderCents: 1000, taxMode: 'inclusive' },
  { slug: 'old-market-butchers', name: 'Old Market Butchers', kind: 'butcher', description: 'Free-range, dry-aged meat and handmade sausages from West Country farms.', address: '27 West Street', postcode: 'BS2 0DF', lat: 51.4560, lng: -2.5780, hours: 'shop', delivery: false, minOrderCents: 0, taxMode: 'inclusive' },
  { slug: 'clifton-cheese-room', name: 'Clifton Cheese Room', kind: 'cheese', description: 'British farmhouse cheeses cut to order, chutneys and crackers to match.', address: '6 The Mall, Clifton', postcode: 'BS8 4DR', lat: 51.4551, lng: -2.6204, hours: 'shop', delivery: true, minOrderCents: 1500, taxMode: 'inclusive' },
  { slug: 'sugarloaf-sweet-shop', name: 'Sugarloaf Sweet Shop', kind: 'sweets', description: 'Hand-tempered chocolate, fudge and jars of old-fashioned sweets.', address: '19 Christmas Steps', postcode: 'BS1 5BS', lat: 51.4567, lng: -2.5961, hours: 'late', delivery: false, minOrderCents: 0, taxMode: 'inclusive' },
  { slug: 'kiln-and-thread', name: 'Kiln & Thread', kind: 'craft', description: 'Studio pottery, hand-woven textiles and workshop gift cards from local makers.', address: '4 Cotham Hill', postcode: 'BS6 6LA', lat: 51.4640, lng: -2.6070, hours: 'shop', delivery: true, minOrderCents: 2000, taxMode: 'exclusive' },
  { slug: 'fern-and-fig', name: 'Fern & Fig Plant Shop', kind: 'plants', description: 'House plants, herbs and hand-thrown pots, with repotting on Saturdays.', address: '211 Cheltenham Road', postcode: 'BS6 5QP', lat: 51.4705, lng: -2.5915, hours: 'shop', delivery: true, minOrderCents: 1500, taxMode: 'inclusive' },
  { slug: 'dog-eared-books', name: 'Dog-Eared Books', kind: 'books', description: 'Independent bookshop: new fiction, local history and a children\'s corner.', address: '55 Corn Street', postcode: 'BS1 1HT', lat: 51.4544, lng: -2.5934, hours: 'shop', delivery: false, minOrderCents: 0, taxMode: 'inclusive' },
  { slug: 'spice-route-pantry', name: 'Spice Route Pantry', kind: 'kitchen', description: 'Whole spices ground weekly, curry pastes, dals and ready-to-heat dinners.', address: '72 St Marks Road', postcode: 'BS5 6JH', lat: 51.4649, lng: -2.5640, hours: 'late', delivery: true, minOrderCents: 1000, taxMode: 'inclusive' },
  { slug: 'wapping-wharf-cellar', name: 'Wapping Wharf Cellar', kind: 'drinks', description: 'Natural wine, West Country cider and craft beer, chilled and ready to go.', address: 'Unit 9, Gaol Ferry Steps', postcode: 'BS1 6WP', lat: 51.4470, lng: -2.5975, hours: 'late', delivery: true, minOrderCents: 2000, taxMode: 'inclusive' },
  { slug: 'st-nicks-market-kitchen', name: "St Nick's Market Kitchen", kind: 'kitchen', description: 'Street-food lunches, soups and slow-cooked stews from the covered market.', address: 'St Nicholas Market, Corn St', postcode: 'BS1 1JQ', lat: 51.4547, lng: -2.5923, hours: 'weekend-market', delivery: false, minOrderCents: 0, taxMode: 'inclusive' },
];

export interface SeedCategory {
  slug: string;
  name: string;
}

export const SEED_CATEGORIES: SeedCategory[] = [
  { slug: 'bread', name: 'Bread' },
  { slug: 'pastries', name: 'Pastries & Cakes' },
  { slug: 'coffee-tea', name: 'Coffee & Tea' },
  { slug: 'deli', name: 'Deli' },
  { slug: 'fruit-veg', name: 'Fruit & Veg' },
  { slug: 'pantry', name: 'Pantry' },
  { slug: 'meat', name: 'Meat' },
  { slug: 'cheese', name: 'Cheese' },
  { slug: 'sweets', name: 'Sweets & Chocolate' },
  { slug: 'homeware', name: 'Homeware & Crafts' },
  { slug: 'plants', name: 'Plants' },
  { slug: 'books', name: 'Books' },
  { slug: 'ready-meals', name: 'Ready Meals' },
  { slug: 'drinks', name: 'Drinks' },
];
