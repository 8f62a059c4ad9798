import { formatDate, type ContentView } from '@makeries/shared';
import { market } from '../../../lib/market';

/** "7 Dec 2026, 09:14" in the marketplace's time zone. */
export function consoleDate(iso: string): string {
  return formatDate(iso, 'mediumDateTime', { timeZone: market().timezone });
}

const ACTIONS: Readonly<Record<string, string>> = {
  'content.hide': 'Hidden',
  'content.restore': 'Restored',
  'content.dismiss': 'Reports dismissed',
};

/** An audit action in words. */
export function actionLabel(action: string): string {
  return ACTIONS[action] ?? action;
}

/** A reported item's name for titles: a product's or shop's name, a review's author, an order message's order. */
export function contentName(content: ContentView): string {
  if (content.kind === 'review') return `Review by ${content.authorName}`;
  if (content.kind === 'message') return `Message on order ${content.orderNumber} from the ${content.author}`;
  return content.name;
}
