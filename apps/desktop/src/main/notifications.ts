import { Notification, type BrowserWindow } from 'electron';
import type { WebOrderEvent } from '../core/router/index';

/** Shown notifications, held so their click handlers are not garbage-collected before staff click. */
const shown = new Set<Notification>();

/**
 * An OS notification for a web order that just arrived, when staff are not looking at the counter (the inbox
 * chimes by itself when the window is in front). Clicking it brings the counter forward.
 */
export function notifyWebOrder(event: WebOrderEvent, win: BrowserWindow | null): void {
  if (event.kind !== 'arrived' || !Notification.isSupported()) return;
  if (win && !win.isDestroyed() && win.isVisible() && win.isFocused() && !win.isMinimized()) return;
  const n = new Notification({
    title: `New web order ${event.number}`,
    body: 'Open Online orders to accept it with a prep time, or reject it.',
    urgency: 'critical',
    timeoutType: 'never',
  });
  const forget = () => shown.delete(n);
  n.on('click', () => {
    forget();
    if (win && !win.isDestroyed()) {
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
    }
  });
  n.on('close', forget);
  shown.add(n);
  n.show();
}
