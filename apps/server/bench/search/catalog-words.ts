import type { DietaryTag } from '@makeries/shared';

/** Word lists for a believable local-marketplace catalog: what small bakers, grocers and makers sell. */
export interface CategorySpec {
  name: string;
  slug: string;
  nouns: string[];
  modifiers: string[];
  /** price range of the cheapest variant, minor units */
  price: [number, number];
  tags: DietaryTag[];
  shopKinds: string[];
}

export const CATEGORIES: CategorySpec[] = [
  {
    name: 'Bread', slug: 'bread', price: [180, 650], tags: ['vegan', 'vegetarian', 'organic'], shopKinds: ['Bakery', 'Bakehouse'],
    nouns: ['Sourdough Loaf', 'Bloomer', 'Baguette', 'Focaccia', 'Rye Bread', 'Ciabatta', 'Bagel', 'Brioche', 'Soda Bread', 'Cob'],
    modifiers: ['Seeded', 'Wholemeal', 'Spelt', 'Rosemary', 'Olive', 'Malted', 'Country', 'White', 'Walnut', 'Fig'],
  },
  {
    name: 'Pastry', slug: 'pastry', price: [150, 450], tags: ['vegetarian'], shopKinds: ['Bakery', 'Patisserie'],
    nouns: ['Croissant', 'Pain au Chocolat', 'Danish', 'Cinnamon Bun', 'Eclair', 'Palmier', 'Escargot', 'Kouign Amann'],
    modifiers: ['Almond', 'Butter', 'Pistachio', 'Raspberry', 'Cardamom', 'Apricot', 'Chocolate', 'Lemon'],
  },
  {
    name: 'Cakes', slug: 'cakes', price: [250, 3500], tags: ['vegetarian', 'gluten-free', 'vegan'], shopKinds: ['Cake Shop', 'Bakery'],
    nouns: ['Brownie', 'Carrot Cake', 'Victoria Sponge', 'Lemon Drizzle', 'Cheesecake', 'Fudge Cake', 'Blondie', 'Flapjack'],
    modifiers: ['Salted Caramel', 'Chocolate', 'Vegan', 'Gluten Free', 'Coffee', 'Orange', 'Ginger', 'Raspberry'],
  },
  {
    name: 'Cheese', slug: 'cheese', price: [350, 2400], tags: ['vegetarian'], shopKinds: ['Cheesemonger', 'Dairy'],
    nouns: ['Cheddar', 'Brie', 'Blue Cheese', 'Goats Cheese', 'Halloumi', 'Camembert', 'Gouda', 'Feta'],
    modifiers: ['Mature', 'Smoked', 'Farmhouse', 'Creamy', 'Aged', 'Soft', 'Unpasteurised', 'Local'],
  },
  {
    name: 'Charcuterie', slug: 'charcuterie', price: [400, 2800], tags: ['halal', 'nut-free'], shopKinds: ['Butcher', 'Deli'],
    nouns: ['Salami', 'Chorizo', 'Pancetta', 'Ham', 'Sausages', 'Pork Pie', 'Pate', 'Bresaola'],
    modifiers: ['Fennel', 'Smoked', 'Air Dried', 'Spicy', 'Cured', 'Free Range', 'Wild Boar', 'Honey Roast'],
  },
  {
    name: 'Coffee', slug: 'coffee', price: [650, 1800], tags: ['vegan', 'organic'], shopKinds: ['Coffee Roasters', 'Roastery'],
    nouns: ['Coffee Beans', 'Espresso Blend', 'Filter Coffee', 'Decaf Coffee', 'Cold Brew', 'Single Origin'],
    modifiers: ['Ethiopian', 'Colombian', 'Brazilian', 'House', 'Dark Roast', 'Light Roast', 'Guatemalan', 'Kenyan'],
  },
  {
    name: 'Tea', slug: 'tea', price: [450, 1500], tags: ['vegan', 'organic'], shopKinds: ['Tea Merchants', 'Tea Room'],
    nouns: ['Earl Grey', 'Green Tea', 'Breakfast Tea', 'Chai', 'Herbal Tea', 'Oolong', 'Rooibos'],
    modifiers: ['Loose Leaf', 'Smoky', 'Jasmine', 'Peppermint', 'Spiced', 'Organic', 'Chamomile', 'Lemongrass'],
  },
  {
    name: 'Chocolate', slug: 'chocolate', price: [300, 2500], tags: ['vegan', 'gluten-free', 'vegetarian'], shopKinds: ['Chocolatier', 'Sweet Shop'],
    nouns: ['Chocolate Bar', 'Truffles', 'Bonbons', 'Hot Chocolate', 'Chocolate Buttons', 'Fudge', 'Caramels'],
    modifiers: ['Dark', 'Milk', 'Sea Salt', 'Orange', 'Hazelnut', 'Raspberry', 'Mint', 'Praline'],
  },
  {
    name: 'Preserves', slug: 'preserves', price: [350, 900], tags: ['vegan', 'gluten-free'], shopKinds: ['Pantry', 'Larder'],
    nouns: ['Jam', 'Marmalade', 'Chutney', 'Pickles', 'Relish', 'Curd', 'Jelly'],
    modifiers: ['Strawberry', 'Seville Orange', 'Damson', 'Apple', 'Lemon', 'Tomato', 'Blackcurrant', 'Rhubarb'],
  },
  {
    name: 'Honey', slug: 'honey', price: [500, 1600], tags: ['vegetarian', 'gluten-free'], shopKinds: ['Apiary', 'Honey Co'],
    nouns: ['Honey', 'Honeycomb', 'Beeswax Wraps', 'Mead', 'Set Honey'],
    modifiers: ['Wildflower', 'Heather', 'Raw', 'Clover', 'Lavender', 'Borage', 'Local', 'Spring'],
  },
  {
    name: 'Vegetables', slug: 'vegetables', price: [80, 450], tags: ['vegan', 'organic', 'gluten-free'], shopKinds: ['Greengrocer', 'Farm Shop'],
    nouns: ['Potatoes', 'Carrots', 'Kale', 'Tomatoes', 'Leeks', 'Squash', 'Beetroot', 'Salad Leaves', 'Onions', 'Mushrooms'],
    modifiers: ['Organic', 'Heritage', 'Baby', 'Red', 'Seasonal', 'Local', 'Chestnut', 'Purple'],
  },
  {
    name: 'Fruit', slug: 'fruit', price: [120, 600], tags: ['vegan', 'organic', 'gluten-free'], shopKinds: ['Greengrocer', 'Orchard'],
    nouns: ['Apples', 'Pears', 'Strawberries', 'Plums', 'Raspberries', 'Cherries', 'Blackberries', 'Rhubarb'],
    modifiers: ['Cox', 'Bramley', 'Conference', 'Organic', 'Local', 'Victoria', 'Pick Your Own', 'Sweet'],
  },
  {
    name: 'Beer and Cider', slug: 'beer-and-cider', price: [250, 1800], tags: ['vegan'], shopKinds: ['Brewery', 'Cider House'],
    nouns: ['Pale Ale', 'IPA', 'Stout', 'Porter', 'Lager', 'Cider', 'Perry', 'Bitter'],
    modifiers: ['Hazy', 'Session', 'Dry', 'Oak Aged', 'Scrumpy', 'Golden', 'Export', 'Craft'],
  },
  {
    name: 'Candles', slug: 'candles', price: [600, 4500], tags: ['vegan'], shopKinds: ['Candle Co', 'Studio'],
    nouns: ['Soy Candle', 'Pillar Candle', 'Tea Lights', 'Wax Melts', 'Reed Diffuser', 'Beeswax Candle'],
    modifiers: ['Lavender', 'Fig', 'Cedarwood', 'Sea Salt', 'Orange Blossom', 'Vanilla', 'Rose', 'Eucalyptus'],
  },
  {
    name: 'Ceramics', slug: 'ceramics', price: [1200, 9500], tags: [], shopKinds: ['Pottery', 'Ceramics'],
    nouns: ['Mug', 'Bowl', 'Vase', 'Plate', 'Jug', 'Planter', 'Teapot', 'Espresso Cup'],
    modifiers: ['Speckled', 'Stoneware', 'Glazed', 'Handthrown', 'Blue', 'Terracotta', 'Porcelain', 'Matte'],
  },
  {
    name: 'Soap and Skincare', slug: 'soap-and-skincare', price: [450, 2800], tags: ['vegan', 'organic'], shopKinds: ['Soap Co', 'Apothecary'],
    nouns: ['Soap Bar', 'Hand Cream', 'Lip Balm', 'Bath Salts', 'Face Oil', 'Shampoo Bar', 'Body Butter'],
    modifiers: ['Oatmeal', 'Lavender', 'Goats Milk', 'Charcoal', 'Rose', 'Citrus', 'Unscented', 'Tea Tree'],
  },
  {
    name: 'Jewellery', slug: 'jewellery', price: [1500, 18000], tags: [], shopKinds: ['Jewellers', 'Silversmith'],
    nouns: ['Ring', 'Necklace', 'Earrings', 'Bracelet', 'Pendant', 'Brooch', 'Cufflinks'],
    modifiers: ['Silver', 'Gold', 'Hammered', 'Pearl', 'Enamel', 'Recycled', 'Beaten', 'Gemstone'],
  },
  {
    name: 'Plants and Flowers', slug: 'plants-and-flowers', price: [400, 6500], tags: [], shopKinds: ['Florist', 'Nursery'],
    nouns: ['Bouquet', 'Houseplant', 'Succulent', 'Wreath', 'Dried Flowers', 'Herb Pot', 'Bulbs'],
    modifiers: ['Seasonal', 'Peony', 'Tulip', 'Sunflower', 'Eucalyptus', 'Wildflower', 'Rose', 'Fern'],
  },
  {
    name: 'Prints and Cards', slug: 'prints-and-cards', price: [250, 8500], tags: [], shopKinds: ['Print Studio', 'Press'],
    nouns: ['Art Print', 'Greeting Card', 'Poster', 'Notebook', 'Calendar', 'Postcard Set', 'Linocut'],
    modifiers: ['Botanical', 'City Map', 'Letterpress', 'Watercolour', 'Screen Printed', 'Birthday', 'Vintage', 'Illustrated'],
  },
  {
    name: 'Ready Meals', slug: 'ready-meals', price: [450, 1400], tags: ['vegan', 'vegetarian', 'gluten-free', 'halal', 'dairy-free'], shopKinds: ['Kitchen', 'Deli'],
    nouns: ['Lasagne', 'Curry', 'Pie', 'Soup', 'Stew', 'Quiche', 'Dal', 'Risotto'],
    modifiers: ['Chicken', 'Lentil', 'Butternut', 'Beef', 'Mushroom', 'Spinach', 'Chickpea', 'Thai Green'],
  },
];

export const SHOP_PREFIXES = [
  "Hartley's", 'Old Mill', 'Rose and Thorn', 'Wild', 'Little', 'Harbour', 'Northgate', 'Clifton', 'Brook Lane', 'Village',
  'Honeypot', 'Meadow', 'Copper Kettle', 'Hollow Oak', 'Larkspur', 'Bramble', 'Quayside', 'Foxglove', "Baker's Row", 'Station',
  'Market Street', 'Orchard', 'Redcliffe', 'Kingsdown', 'Totterdown', 'Stokes', 'Windmill Hill', 'Cotham', 'Bedminster', 'Easton',
];

export const CITIES = [
  { name: 'Bristol', lat: 51.4545, lng: -2.5879, weight: 5 },
  { name: 'Bath', lat: 51.3811, lng: -2.359, weight: 2 },
  { name: 'Cardiff', lat: 51.4816, lng: -3.1791, weight: 3 },
  { name: 'Gloucester', lat: 51.8642, lng: -2.2382, weight: 1 },
  { name: 'Swindon', lat: 51.5558, lng: -1.7797, weight: 1 },
  { name: 'Exeter', lat: 50.7184, lng: -3.5339, weight: 1 },
  { name: 'Oxford', lat: 51.752, lng: -1.2577, weight: 2 },
  { name: 'Cheltenham', lat: 51.8994, lng: -2.0783, weight: 1 },
];

export const DESCRIPTION_TEMPLATES = [
  '{mod} {noun} made in small batches in {city}.',
  'Our {noun} is handmade every morning, {mod} and fresh.',
  'A customer favourite: {mod} {noun}, locally sourced and lovingly made.',
  'Seasonal {noun} with {mod} notes. Collect from the shop or order ahead.',
  'Traditional {noun}, slow made, {mod}. Perfect as a gift.',
];
