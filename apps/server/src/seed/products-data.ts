import type { SeedKind } from './vendors-data';
import { pick } from './pick';

/** A product template: name, price in pence, category slug, dietary tags, UK VAT class, how it is sold. */
export interface SeedProduct {
  name: string;
  priceCents: number;
  category: string;
  tags: string[];
  taxClass: 'standard' | 'reduced' | 'zero';
  /** 'weight': the price is per kg and customers order any weight in grams */
  soldBy?: 'each' | 'weight';
  /** options with their own price, SKU, barcode and stock (e.g. 250 g and 1 kg bags); absent = one "Default" */
  variants?: { name: string; priceCents: number }[];
  description: string;
}

type Row = [name: string, price: number, category: string, tags: string, tax: 'standard' | 'zero' | 'reduced', description: string];

/** A product in options: the first option's price is the product's "from" price. */
const options = (name: string, category: string, tags: string, taxClass: 'standard' | 'reduced' | 'zero', description: string, variants: [string, number][]): SeedProduct => ({
  name,
  priceCents: pick(variants, 0, `option of ${name}`)[1],
  category,
  tags: tags ? tags.split(',') : [],
  taxClass,
  description,
  variants: variants.map(([n, priceCents]) => ({ name: n, priceCents })),
});

/** A product weighed at the counter and ordered online by any weight: the price is per kg. */
const weighed = (name: string, pricePerKg: number, category: string, tags: string, description: string): SeedProduct => ({
  name,
  priceCents: pricePerKg,
  category,
  tags: tags ? tags.split(',') : [],
  taxClass: 'zero',
  soldBy: 'weight',
  description,
});

const rows = (list: Row[]): SeedProduct[] =>
  list.map(([name, priceCents, category, tags, taxClass, description]) => ({
    name,
    priceCents,
    category,
    tags: tags ? tags.split(',') : [],
    taxClass,
    description,
  }));

/** Combines flavours with bases to give each shop a full, varied range without a thousand hand-written lines. */
function combos(flavours: string[], bases: [string, number, string, string, 'standard' | 'zero' | 'reduced'][], blurb: string): SeedProduct[] {
  const out: SeedProduct[] = [];
  flavours.forEach((f, i) => {
    const [base, price, category, tags, tax] = pick(bases, i % bases.length, 'base');
    out.push({ name: `${f} ${base}`, priceCents: price + (i % 4) * 25, category, tags: tags ? tags.split(',') : [], taxClass: tax, description: `${f} ${base.toLowerCase()} — ${blurb}` });
  });
  return out;
}

export const SEED_PRODUCTS: Record<SeedKind, SeedProduct[]> = {
  bakery: [
    ...rows([
      ['Country Sourdough Loaf', 520, 'bread', 'vegan', 'zero', 'Our 36-hour sourdough with a dark, blistered crust.'],
      ['Seeded Rye Loaf', 560, 'bread', 'vegan', 'zero', 'Dense rye packed with sunflower, pumpkin and linseed.'],
      ['White Tin Loaf', 380, 'bread', 'vegan', 'zero', 'Soft sandwich loaf, sliced on request.'],
      ['Spelt & Honey Loaf', 590, 'bread', 'vegetarian', 'zero', 'Wholegrain spelt with a touch of local honey.'],
      ['Baguette', 260, 'bread', 'vegan', 'zero', 'Crisp French-style stick, baked three times a day.'],
      ['Focaccia with Rosemary', 450, 'bread', 'vegan', 'zero', 'Olive-oil rich focaccia with sea salt and rosemary.'],
      ['Gluten-Free Loaf', 620, 'bread', 'vegan,gluten-free', 'zero', 'Buckwheat and rice flour loaf baked in a dedicated tin.'],
      ['Butter Croissant', 240, 'pastries', 'vegetarian', 'zero', 'Laminated with Normandy butter over three days.'],
      ['Pain au Chocolat', 270, 'pastries', 'vegetarian', 'zero', 'Two batons of dark chocolate in flaky pastry.'],
      ['Almond Croissant', 330, 'pastries', 'vegetarian', 'zero', 'Twice-baked with frangipane and toasted almonds.'],
      ['Cinnamon Bun', 310, 'pastries', 'vegetarian', 'zero', 'Cardamom dough rolled with cinnamon butter.'],
      ['Vegan Cinnamon Bun', 320, 'pastries', 'vegan', 'zero', 'Oat-milk dough, same cinnamon swirl.'],
      ['Pasteis de Nata', 220, 'pastries', 'vegetarian', 'zero', 'Custard tart with a scorched top.'],
      ['Chocolate Brownie', 290, 'pastries', 'vegetarian,gluten-free', 'zero', 'Fudgy brownie made with ground almonds.'],
      ['Lemon Drizzle Slice', 280, 'pastries', 'vegetarian', 'zero', 'Sharp lemon syrup soaked into a light sponge.'],
      ['Sausage Roll', 350, 'ready-meals', '', 'standard', 'Old Market Butchers pork in rough puff, served hot.'],
      ['Cheese & Onion Pasty', 390, 'ready-meals', 'vegetarian', 'standard', 'Mature cheddar and caramelised onion, served hot.'],
    ]),
    options('Victoria Sponge Cake', 'pastries', 'vegetarian', 'zero', 'Raspberry jam and vanilla buttercream. A whole cake serves 10.', [['Whole cake', 2400], ['Slice', 320]]),
    ...combos(['Raspberry', 'Blueberry', 'Apple & Cinnamon', 'Pistachio', 'Salted Caramel', 'Hazelnut', 'Orange & Poppy Seed', 'Ginger', 'Cherry', 'Pecan', 'Lemon', 'Chocolate Orange', 'Matcha', 'Coconut'],
      [['Danish', 300, 'pastries', 'vegetarian', 'zero'], ['Muffin', 260, 'pastries', 'vegetarian', 'zero'], ['Cookie', 190, 'pastries', 'vegetarian', 'zero'], ['Scone', 240, 'pastries', 'vegetarian', 'zero']],
      'baked fresh every morning.'),
  ],
  coffee: [
    ...rows([
      ['Cold Brew Bottle', 350, 'drinks', 'vegan', 'standard', 'Steeped for 18 hours, 250 ml.'],
      ['Ceramic Pour-Over Dripper', 2800, 'homeware', '', 'standard', 'Handmade V-cone dripper, fits most mugs.'],
      ['Paper Filters (100)', 450, 'homeware', '', 'standard', 'Unbleached filters for size 02 drippers.'],
      ['Hand Grinder', 6500, 'homeware', '', 'standard', 'Conical burr hand grinder with 30 settings.'],
      ['Oat Milk 1L', 210, 'pantry', 'vegan', 'zero', 'Barista oat milk for steaming.'],
      ['Coffee Gift Subscription (3 months)', 3600, 'coffee-tea', '', 'zero', 'A new single origin posted each month.'],
    ]),
    options('Harbour Espresso Blend', 'coffee-tea', 'vegan', 'zero', 'Chocolate and cherry; our house espresso, whole beans.', [['250 g bag', 850], ['1 kg bag', 2900]]),
    options('Decaf Colombia', 'coffee-tea', 'vegan', 'zero', 'Sugar-cane decaffeinated, caramel sweetness, whole beans.', [['250 g bag', 900], ['1 kg bag', 3100]]),
    weighed('Loose House Espresso Beans', 3200, 'coffee-tea', 'vegan', 'Scooped from the hopper into your own tin: order any weight, priced per kg.'),
    options('English Breakfast Tea', 'coffee-tea', 'vegan', 'zero', 'Loose-leaf Assam and Ceylon.', [['50 g', 350], ['100 g', 650]]),
    options('Earl Grey Tea', 'coffee-tea', 'vegan', 'zero', 'Loose-leaf black tea with cold-pressed bergamot.', [['50 g', 370], ['100 g', 690]]),
    options('Chai Spice Blend', 'coffee-tea', 'vegan', 'zero', 'Loose-leaf black tea with ginger, cardamom and pepper.', [['50 g', 390], ['100 g', 720]]),
    ...combos(['Ethiopia Yirgacheffe', 'Kenya Nyeri', 'Guatemala Huehuetenango', 'Brazil Cerrado', 'Peru Cajamarca', 'Rwanda Huye', 'Costa Rica Tarrazu', 'Sumatra Mandheling', 'Honduras Marcala', 'Burundi Kayanza', 'Mexico Chiapas', 'Nicaragua Jinotega', 'El Salvador Santa Ana', 'Tanzania Peaberry', 'Papua New Guinea', 'Yemen Mocha', 'India Monsooned Malabar', 'Uganda Bugisu', 'Panama Geisha', 'Colombia Huila'],
      [['Filter Beans 250g', 950, 'coffee-tea', 'vegan', 'zero'], ['Espresso Beans 250g', 980, 'coffee-tea', 'vegan', 'zero']],
      'roasted in small batches every Tuesday.'),
  ],
  deli: [
    weighed('Nocellara Olives', 2250, 'deli', 'vegan,gluten-free', 'Bright green Sicilian olives from the counter, by weight, priced per kg.'),
    weighed('Kalamata Olives', 2100, 'deli', 'vegan,gluten-free', 'Marinated with oregano and lemon, by weight, priced per kg.'),
    ...rows([
      ['Prosciutto di Parma 100g', 590, 'deli', 'gluten-free', 'zero', 'Aged 24 months, sliced to order.'],
      ['Salami Milano 100g', 480, 'deli', 'gluten-free', 'zero', 'Fine-grained, mild and sweet.'],
      ['Nduja 150g', 650, 'deli', 'gluten-free', 'zero', 'Spreadable spicy Calabrian salami.'],
      ['Fresh Tagliatelle 300g', 420, 'deli', 'vegetarian', 'zero', 'Egg pasta rolled this morning.'],
      ['Spinach & Ricotta Ravioli 300g', 620, 'deli', 'vegetarian', 'zero', 'Hand-filled, cooks in three minutes.'],
      ['Basil Pesto 180g', 480, 'deli', 'vegetarian,gluten-free', 'zero', 'Genovese basil, pine nuts, parmesan.'],
      ['Extra Virgin Olive Oil 500ml', 1250, 'pantry', 'vegan,gluten-free', 'zero', 'Single-estate Puglian Coratina.'],
      ['Aged Balsamic Vinegar 250ml', 1400, 'pantry', 'vegan,gluten-free', 'zero', 'Modena IGP, aged eight years.'],
      ['Antipasti Box for Two', 1800, 'deli', 'gluten-free', 'zero', 'Cured meats, olives, artichokes, peppers.'],
      ['Marinated Artichokes 200g', 520, 'deli', 'vegan,gluten-free', 'zero', 'Grilled artichoke hearts in oil.'],
      ['Sun-Dried Tomatoes 200g', 460, 'deli', 'vegan,gluten-free', 'zero', 'Semi-dried, with garlic and thyme.'],
      ['Hummus 200g', 350, 'deli', 'vegan,gluten-free', 'zero', 'Chickpea, tahini and lemon, made daily.'],
      ['Falafel Wrap', 650, 'ready-meals', 'vegan', 'standard', 'Hot falafel, pickles and tahini.'],
      ['Italian Sub Sandwich', 750, 'ready-meals', '', 'standard', 'Mortadella, salami, provolone, peppers.'],
    ]),
    ...combos(['Porcini', 'Black Truffle', 'Lemon & Pepper', 'Squid Ink', 'Wild Garlic', 'Chilli', 'Pumpkin & Sage', 'Beetroot', 'Walnut', 'Tomato & Basil', 'Gorgonzola', 'Olive & Caper', 'Roasted Pepper', 'Aubergine'],
      [['Pasta Sauce 350g', 520, 'pantry', 'vegetarian', 'zero'], ['Filled Pasta 250g', 640, 'deli', 'vegetarian', 'zero']],
      'made in our kitchen from Italian ingredients.'),
  ],
  grocer: [
    ...rows([
      ['Bramley Apples', 320, 'fruit-veg', 'vegan,gluten-free', 'zero', 'Sharp cooking apples, priced per kg.'],
      ['Cox Apples', 380, 'fruit-veg', 'vegan,gluten-free', 'zero', 'Aromatic eating apples, per kg.'],
      ['Conference Pears', 350, 'fruit-veg', 'vegan,gluten-free', 'zero', 'Kent pears, per kg.'],
      ['Maris Piper Potatoes', 140, 'fruit-veg', 'vegan,gluten-free', 'zero', 'All-rounder potatoes, per kg.'],
      ['Heritage Carrots', 260, 'fruit-veg', 'vegan,gluten-free', 'zero', 'Purple, yellow and orange, per kg.'],
      ['Red Onions', 180, 'fruit-veg', 'vegan,gluten-free', 'zero', 'Per kg.'],
      ['Vine Tomatoes', 480, 'fruit-veg', 'vegan,gluten-free', 'zero', 'Isle of Wight tomatoes, per kg.'],
      ['Bananas', 190, 'fruit-veg', 'vegan,gluten-free', 'zero', 'Fairtrade, per kg.'],
      ['Free-Range Eggs (6)', 290, 'pantry', 'vegetarian,gluten-free', 'zero', 'From Mendip hens.'],
      ['Organic Whole Milk 1L', 145, 'pantry', 'vegetarian,gluten-free', 'zero', 'Glass bottle, returnable.'],
      ['Salted Butter 250g', 320, 'pantry', 'vegetarian,gluten-free', 'zero', 'Cultured West Country butter.'],
      ['Local Honey 340g', 750, 'pantry', 'vegetarian,gluten-free', 'zero', 'Raw wildflower honey from Bristol hives.'],
      ['Porridge Oats 1kg', 260, 'pantry', 'vegan', 'zero', 'Scottish rolled oats.'],
      ['Veg Box (small)', 1500, 'fruit-veg', 'vegan,gluten-free', 'zero', 'A week of seasonal veg for two.'],
      ['Veg Box (large)', 2400, 'fruit-veg', 'vegan,gluten-free', 'zero', 'A week of seasonal veg for a family.'],
    ]).map((p) => (/per kg/.test(p.description) ? { ...p, soldBy: 'weight' as const } : p)),
    ...combos(['Kale', 'Spinach', 'Leeks', 'Parsnips', 'Beetroot', 'Butternut Squash', 'Courgettes', 'Cauliflower', 'Broccoli', 'Mushrooms', 'Garlic', 'Ginger', 'Lemons', 'Limes', 'Oranges', 'Clementines', 'Strawberries', 'Blueberries'],
      [['(bunch)', 180, 'fruit-veg', 'vegan,gluten-free', 'zero'], ['(punnet)', 250, 'fruit-veg', 'vegan,gluten-free', 'zero']],
      'picked this week on a farm near Bristol.'),
  ],
  butcher: [
    ...rows([
      ['Dry-Aged Sirloin Steak', 3800, 'meat', 'gluten-free', 'zero', 'Aged 35 days on the bone, per kg.'],
      ['Rib-Eye Steak', 4200, 'meat', 'gluten-free', 'zero', 'Well marbled, per kg.'],
      ['Beef Mince 500g', 650, 'meat', 'gluten-free', 'zero', '15% fat, from grass-fed herds.'],
      ['Whole Free-Range Chicken', 1350, 'meat', 'gluten-free', 'zero', 'About 1.8 kg, Somerset reared.'],
      ['Chicken Thighs 600g', 680, 'meat', 'gluten-free', 'zero', 'Skin-on, bone-in.'],
      ['Pork Belly', 1400, 'meat', 'gluten-free', 'zero', 'Scored for crackling, per kg.'],
      ['Lamb Shoulder', 1900, 'meat', 'gluten-free', 'zero', 'Slow-roast shoulder, per kg.'],
      ['Streaky Bacon 250g', 450, 'meat', '', 'zero', 'Dry-cured and oak-smoked.'],
      ['Beef Dripping 250g', 250, 'pantry', 'gluten-free', 'zero', 'For the best roast potatoes.'],
      ['Chicken Stock 500ml', 380, 'pantry', 'gluten-free', 'zero', 'Simmered for 12 hours.'],
      ['Pork Pie', 450, 'ready-meals', '', 'zero', 'Hand-raised, hot-water crust.'],
      ['Scotch Egg', 380, 'ready-meals', '', 'zero', 'Runny yolk, Cumberland sausage meat.'],
    ]).map((p) => (/per kg/.test(p.description) ? { ...p, soldBy: 'weight' as const } : p)),
    ...combos(['Cumberland', 'Pork & Leek', 'Lincolnshire', 'Toulouse', 'Chorizo-Style', 'Lamb & Mint', 'Beef & Ale', 'Pork & Apple', 'Venison', 'Chilli & Garlic', 'Gluten-Free Pork', 'Breakfast', 'Merguez', 'Pork & Sage'],
      [['Sausages (6)', 560, 'meat', '', 'zero'], ['Burgers (4)', 720, 'meat', '', 'zero']],
      'made by hand in the shop every Thursday.'),
  ],
  cheese: [
    weighed('Montgomery Cheddar', 3600, 'cheese', 'vegetarian,gluten-free', 'Cloth-bound Somerset cheddar, 12 months, cut to the weight you order. Priced per kg.'),
    weighed('Stilton', 3200, 'cheese', 'vegetarian,gluten-free', 'Creamy blue from Nottinghamshire, cut to order. Priced per kg.'),
    weighed('Somerset Brie', 2600, 'cheese', 'vegetarian,gluten-free', 'Soft and buttery, ripe this week, cut to order. Priced per kg.'),
    ...rows([
      ['Wensleydale 200g', 480, 'cheese', 'vegetarian,gluten-free', 'zero', 'Crumbly and fresh.'],
      ['Goats Cheese Log 150g', 560, 'cheese', 'vegetarian,gluten-free', 'zero', 'Ash-rind, lemony.'],
      ['Cheese Board for Four', 3200, 'cheese', 'vegetarian', 'zero', 'Five cheeses, crackers, chutney.'],
      ['Oatcakes 200g', 350, 'pantry', 'vegan', 'zero', 'Scottish oatcakes for cheese.'],
      ['Apple & Ale Chutney 300g', 480, 'pantry', 'vegan,gluten-free', 'zero', 'Sweet and sharp.'],
      ['Quince Paste 150g', 520, 'pantry', 'vegan,gluten-free', 'zero', 'Membrillo for manchego.'],
      ['Cheese Knife Set', 2400, 'homeware', '', 'standard', 'Three knives with walnut handles.'],
    ]),
    ...combos(['Smoked', 'Truffle', 'Caramelised Onion', 'Chilli', 'Garlic & Herb', 'Black Pepper', 'Cranberry', 'Mature', 'Extra Mature', 'Oak-Aged', 'Red Leicester', 'Double Gloucester', 'Caerphilly', 'Lancashire', 'Cornish Yarg', 'Stinking Bishop', 'Baron Bigod', 'Tunworth', 'Ogleshield', 'Appleby'],
      [['Cheese 200g', 590, 'cheese', 'vegetarian,gluten-free', 'zero'], ['Truckle 500g', 1450, 'cheese', 'vegetarian,gluten-free', 'zero']],
      'from a small British dairy, cut to order.'),
  ],
  sweets: [
    ...rows([
      ['Dark Chocolate Bar 70%', 450, 'sweets', 'vegan,gluten-free', 'standard', 'Bean-to-bar Peruvian cacao.'],
      ['Milk Chocolate Bar', 420, 'sweets', 'vegetarian,gluten-free', 'standard', 'Creamy, 40% cocoa.'],
      ['Salted Caramel Truffles (9)', 1200, 'sweets', 'vegetarian,gluten-free', 'standard', 'Hand-rolled, Cornish sea salt.'],
      ['Vanilla Fudge 200g', 550, 'sweets', 'vegetarian,gluten-free', 'standard', 'Slow-cooked in copper pans.'],
      ['Rhubarb & Custards 150g', 280, 'sweets', 'vegetarian', 'standard', 'Old-fashioned boiled sweets.'],
      ['Sherbet Lemons 150g', 280, 'sweets', 'vegan', 'standard', 'Fizzy centre, sharp shell.'],
      ['Chocolate Gift Box (16)', 2200, 'sweets', 'vegetarian', 'standard', 'Our full range in one box.'],
      ['Hot Chocolate Flakes 250g', 850, 'drinks', 'vegetarian', 'zero', 'Melt into hot milk.'],
    ]),
    ...combos(['Raspberry', 'Orange', 'Mint', 'Sea Salt', 'Hazelnut', 'Coffee', 'Chilli', 'Ginger', 'Passion Fruit', 'Lavender', 'Earl Grey', 'Pistachio', 'Honeycomb', 'Cherry', 'Praline', 'Coconut', 'Rose', 'Whisky', 'Gingerbread', 'Peanut Butter', 'Toffee', 'Lime'],
      [['Chocolate Bar', 450, 'sweets', 'vegetarian,gluten-free', 'standard'], ['Fudge 200g', 550, 'sweets', 'vegetarian,gluten-free', 'standard']],
      'made in small batches behind the shop.'),
  ],
  craft: [
    ...rows([
      ['Stoneware Mug', 2400, 'homeware', '', 'standard', 'Wheel-thrown, speckled glaze, 350 ml.'],
      ['Serving Bowl', 4500, 'homeware', '', 'standard', 'Wide shallow bowl in celadon glaze.'],
      ['Bud Vase', 1800, 'homeware', '', 'standard', 'Small vase for a single stem.'],
      ['Linen Tea Towel', 1400, 'homeware', '', 'standard', 'Block-printed in Bristol.'],
      ['Hand-Woven Throw', 9500, 'homeware', '', 'standard', 'Merino wool, woven on a floor loom.'],
      ['Beeswax Candle', 1200, 'homeware', '', 'standard', 'Hand-dipped tapers, pair.'],
      ['Pottery Workshop Gift Card', 6500, 'homeware', '', 'standard', 'A three-hour wheel-throwing class.'],
      ['Greetings Card', 350, 'homeware', '', 'standard', 'Linocut prints by local artists.'],
    ]),
    ...combos(['Blue', 'Sage', 'Oatmeal', 'Charcoal', 'Terracotta', 'Ochre', 'Speckled', 'Ink', 'Moss', 'Rust', 'Sand', 'Slate', 'Cream', 'Indigo', 'Forest', 'Plum', 'Coral', 'Stone', 'Juniper', 'Heather', 'Storm', 'Pebble'],
      [['Side Plate', 1800, 'homeware', '', 'standard'], ['Cushion Cover', 3200, 'homeware', '', 'standard'], ['Planter', 2600, 'homeware', '', 'standard']],
      'handmade by a Bristol maker.'),
  ],
  plants: [
    ...rows([
      ['Monstera Deliciosa', 2800, 'plants', '', 'standard', 'Swiss cheese plant in a 17 cm pot.'],
      ['Snake Plant', 1800, 'plants', '', 'standard', 'Almost impossible to kill.'],
      ['Pothos Golden', 1200, 'plants', '', 'standard', 'Trailing plant for shelves.'],
      ['Fiddle Leaf Fig', 4500, 'plants', '', 'standard', 'Statement tree, about 1 m tall.'],
      ['Peace Lily', 1600, 'plants', '', 'standard', 'White flowers, tolerates shade.'],
      ['Basil Plant', 350, 'plants', 'vegan', 'zero', 'Growing herb for the kitchen windowsill.'],
      ['Mint Plant', 350, 'plants', 'vegan', 'zero', 'Garden mint in a 9 cm pot.'],
      ['Peat-Free Compost 10L', 800, 'plants', '', 'standard', 'For houseplants and herbs.'],
      ['Watering Can', 2200, 'homeware', '', 'standard', 'Brass spout, 1 litre.'],
    ]),
    ...combos(['Calathea', 'Maranta', 'Philodendron', 'Hoya', 'Peperomia', 'Begonia', 'Fern', 'Cactus', 'Succulent', 'String of Pearls', 'ZZ Plant', 'Rubber Plant', 'Parlour Palm', 'Spider Plant', 'Aloe Vera', 'Orchid', 'Jade Plant', 'Bird of Paradise', 'Alocasia', 'Anthurium', 'Tradescantia'],
      [['(small)', 1200, 'plants', '', 'standard'], ['(large)', 2800, 'plants', '', 'standard']],
      'grown in the UK without peat.'),
  ],
  books: [
    ...rows([
      ['Bristol: A Walking Guide', 1299, 'books', '', 'zero', 'Twelve walks through the city\'s history.'],
      ['The Harbour Cookbook', 2500, 'books', '', 'zero', 'Recipes from Bristol\'s independent kitchens.'],
      ['A History of Stokes Croft', 1499, 'books', '', 'zero', 'Street art, protest and community.'],
      ['Children\'s Picture Book: The Balloon Fiesta', 799, 'books', '', 'zero', 'Ages 3–6.'],
      ['Notebook A5', 899, 'homeware', '', 'standard', 'Dot-grid, recycled paper.'],
      ['Book Token £20', 2000, 'books', '', 'zero', 'Spend it at any independent bookshop.'],
    ]),
    ...combos(['The Quiet Harbour', 'Salt and Iron', 'Gorge', 'Night Ferry', 'The Glassblower\'s Daughter', 'Brunel\'s Bridge', 'The Cider Year', 'Under Clifton', 'The Last Tram', 'Paper Boats', 'River of Lanterns', 'Mudlarks', 'The Floating Harbour', 'Wild Severn', 'The Mapmaker', 'Seven Hills', 'The Long Weekend', 'Small Hours', 'Kites Over Ashton', 'The Lighthouse Keeper', 'Blackberry Summer', 'Marsh Light', 'Town Crier', 'The Rope Walk', 'Signal Box'],
      [['(paperback)', 999, 'books', '', 'zero'], ['(hardback)', 1899, 'books', '', 'zero']],
      'a novel by a South West author.'),
  ],
  kitchen: [
    ...rows([
      ['Chicken Tikka Masala', 850, 'ready-meals', 'gluten-free', 'zero', 'Ready to heat, serves one.'],
      ['Tarka Dal', 650, 'ready-meals', 'vegan,gluten-free', 'zero', 'Yellow lentils with garlic tempering.'],
      ['Chana Masala', 650, 'ready-meals', 'vegan,gluten-free', 'zero', 'Chickpea curry, serves one.'],
      ['Lamb Rogan Josh', 950, 'ready-meals', 'gluten-free', 'zero', 'Slow-cooked Kashmiri-style.'],
      ['Vegetable Samosas (4)', 450, 'ready-meals', 'vegan', 'zero', 'Spiced potato and pea.'],
      ['Onion Bhajis (4)', 400, 'ready-meals', 'vegan,gluten-free', 'zero', 'Gram-flour batter.'],
      ['Garam Masala 50g', 320, 'pantry', 'vegan,gluten-free', 'zero', 'Ground this week.'],
      ['Basmati Rice 1kg', 380, 'pantry', 'vegan,gluten-free', 'zero', 'Aged extra-long grain.'],
      ['Mango Chutney 300g', 350, 'pantry', 'vegan,gluten-free', 'zero', 'Sweet and sticky.'],
      ['Hot Lentil Soup', 480, 'ready-meals', 'vegan,gluten-free', 'standard', 'Served hot with bread.'],
      ['Beef & Guinness Stew', 890, 'ready-meals', '', 'standard', 'Served hot with mash.'],
      ['Mac and Cheese', 720, 'ready-meals', 'vegetarian', 'standard', 'Served hot, three-cheese sauce.'],
    ]),
    ...combos(['Cumin', 'Coriander', 'Turmeric', 'Cardamom', 'Fenugreek', 'Smoked Paprika', 'Sumac', 'Za\'atar', 'Ras el Hanout', 'Fennel Seed', 'Black Mustard Seed', 'Kashmiri Chilli', 'Cinnamon', 'Star Anise', 'Nigella Seed', 'Curry Leaf', 'Asafoetida'],
      [['Whole 50g', 280, 'pantry', 'vegan,gluten-free', 'zero'], ['Ground 50g', 300, 'pantry', 'vegan,gluten-free', 'zero']],
      'sourced direct and packed in the shop.'),
  ],
  drinks: [
    ...rows([
      ['Somerset Cider 500ml', 380, 'drinks', 'vegan,gluten-free', 'standard', 'Dry, still, 6% ABV.'],
      ['Perry 500ml', 420, 'drinks', 'vegan,gluten-free', 'standard', 'Traditional pear cider.'],
      ['Bristol Pale Ale 440ml', 420, 'drinks', 'vegan', 'standard', 'Citrus hops, 4.5% ABV.'],
      ['Stout 440ml', 450, 'drinks', 'vegan', 'standard', 'Coffee and chocolate notes.'],
      ['Alcohol-Free IPA 330ml', 300, 'drinks', 'vegan', 'standard', 'Full flavour, 0.5% ABV.'],
      ['Natural Orange Wine', 1800, 'drinks', 'vegan', 'standard', 'Skin-contact Slovenian Rebula.'],
      ['English Sparkling Wine', 3400, 'drinks', 'vegan', 'standard', 'Traditional method, Sussex.'],
      ['Elderflower Cordial 500ml', 550, 'drinks', 'vegan,gluten-free', 'standard', 'Made with Mendip elderflowers.'],
      ['Sparkling Apple Juice 750ml', 420, 'drinks', 'vegan,gluten-free', 'standard', 'Pressed Somerset apples.'],
    ]),
    ...combos(['Pinot Noir', 'Gamay', 'Chenin Blanc', 'Riesling', 'Grenache', 'Albariño', 'Malbec', 'Sauvignon Blanc', 'Tempranillo', 'Syrah', 'Bacchus', 'Rosé', 'Pet-Nat', 'Cabernet Franc', 'Nebbiolo', 'Vermentino', 'Chardonnay', 'Zweigelt'],
      [['(bottle)', 1450, 'drinks', 'vegan', 'standard'], ['(magnum)', 2900, 'drinks', 'vegan', 'standard']],
      'from a small natural-wine grower.'),
  ],
};
