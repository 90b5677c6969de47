/*
 * Tellerline service worker: shows the queue notices the server sends by Web Push, and brings
 * the customer back to their phone page when they tap one. It caches nothing and handles no
 * fetches: the pages stay live over their socket.
 *
 * Payload (JSON, encrypted end to end by the push protocol; see @tellerline/notify PushPayload):
 *   { title, body, lang: 'zh' | 'en', url?, tag?, urgency }
 */

const FALLBACK = {
  zh: { title: '排队提醒', body: '您的排队状态有更新，请查看。' },
  en: { title: 'Queue update', body: 'There is news about your place in the queue.' },
};

self.addEventListener('install', () => {
  // A new version takes over at once: it only shows notifications, there is nothing to migrate.
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

/** The payload, or a generic notice in the page's language when it cannot be read. */
function readPayload(event) {
  let data = null;
  try {
    data = event.data ? event.data.json() : null;
  } catch {
    data = null;
  }
  const lang = data && data.lang === 'en' ? 'en' : 'zh';
  const text = FALLBACK[lang];
  return {
    lang,
    title: data && typeof data.title === 'string' && data.title ? data.title : text.title,
    body: data && typeof data.body === 'string' ? data.body : text.body,
    url: data && typeof data.url === 'string' ? data.url : '/',
    tag: data && typeof data.tag === 'string' ? data.tag : undefined,
    urgent: Boolean(data && data.urgency === 'high'),
  };
}

self.addEventListener('push', (event) => {
  const p = readPayload(event);
  // Browsers require a visible notification for every push (userVisibleOnly), so always show one.
  event.waitUntil(
    self.registration.showNotification(p.title, {
      body: p.body,
      lang: p.lang === 'zh' ? 'zh-CN' : 'en',
      dir: 'ltr',
      icon: '/icon.svg',
      badge: '/icon.svg',
      // One ticket, one notification: a call replaces the "nearly your turn" notice, and still rings.
      tag: p.tag,
      renotify: Boolean(p.tag),
      // A call stays on screen until the customer sees it.
      requireInteraction: p.urgent,
      vibrate: p.urgent ? [300, 100, 300, 100, 300] : [200],
      timestamp: Date.now(),
      data: { url: p.url },
    }),
  );
});

/** Only our own pages are opened from a notification. */
function targetUrl(notification) {
  try {
    const url = new URL((notification.data && notification.data.url) || '/', self.location.origin);
    return url.origin === self.location.origin ? url : new URL('/', self.location.origin);
  } catch {
    return new URL('/', self.location.origin);
  }
}

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = targetUrl(event.notification);
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      // The phone page already open (maybe in the background): bring it forward.
      for (const client of windows) {
        if (new URL(client.url).pathname === url.pathname && 'focus' in client) return client.focus();
      }
      // Another page of ours is open: take it to the ticket.
      for (const client of windows) {
        if ('navigate' in client && 'focus' in client) {
          const moved = await client.navigate(url.href).catch(() => null);
          if (moved) return moved.focus();
        }
      }
      return self.clients.openWindow(url.href);
    })(),
  );
});
