/*
 * Tellerline service worker: shows the queue notices the server sends by Web Push, brings the
 * customer back to their phone page when they tap one, and hands a replaced push subscription
 * to the server (pushsubscriptionchange). It handles no fetches: the pages stay live over their
 * socket. Its only storage is a small note per subscribed ticket (see TICKETS below).
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
    // Unreadable notices share one tag: the customer needs one "look at your ticket", not a pile.
    tag: data && typeof data.tag === 'string' ? data.tag : data ? undefined : 'tl-unreadable',
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

/*
 * Which tickets this device gets push notices for, with the customer's choices, so a replaced
 * subscription can be re-registered while no page is open. The phone page posts
 * 'tellerline:push-subscribed' / 'tellerline:push-unsubscribed' (push-client.ts). Kept in Cache
 * Storage (the one key-value store a worker has without IndexedDB ceremony), one entry per
 * ticket; entries older than a day are dropped (a ticket lasts one business day).
 */
const TICKETS = 'tellerline-push-tickets';
const DAY_MS = 24 * 60 * 60 * 1000;
const TOKEN = /^[A-Za-z0-9_-]{16,128}$/;
const noteUrl = (token) => new URL(`/__tellerline/push-ticket/${token}`, self.location.origin).href;

async function remember(note) {
  const cache = await caches.open(TICKETS);
  await cache.put(noteUrl(note.token), new Response(JSON.stringify({ ...note, savedAt: Date.now() }), { headers: { 'content-type': 'application/json' } }));
}

async function forget(token) {
  const cache = await caches.open(TICKETS);
  await cache.delete(noteUrl(token));
}

async function rememberedTickets() {
  const cache = await caches.open(TICKETS);
  const notes = [];
  for (const request of await cache.keys()) {
    const res = await cache.match(request);
    const note = res ? await res.json().catch(() => null) : null;
    if (note && TOKEN.test(note.token) && Date.now() - note.savedAt < DAY_MS) notes.push(note);
    else await cache.delete(request);
  }
  return notes;
}

self.addEventListener('message', (event) => {
  const m = event.data;
  if (!m || typeof m !== 'object' || typeof m.token !== 'string' || !TOKEN.test(m.token)) return;
  if (m.type === 'tellerline:push-subscribed' && typeof m.endpoint === 'string') {
    const aheadThreshold = Number.isInteger(m.aheadThreshold) ? m.aheadThreshold : null;
    event.waitUntil(remember({ token: m.token, endpoint: m.endpoint, lang: m.lang === 'en' ? 'en' : 'zh', aheadThreshold, onCalled: m.onCalled !== false }));
  } else if (m.type === 'tellerline:push-unsubscribed') {
    event.waitUntil(forget(m.token));
  }
});

function base64UrlToBytes(s) {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(s.length / 4) * 4, '='));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

async function serverKey() {
  const res = await fetch('/api/v1/push/vapid-public-key');
  if (!res.ok) throw new Error(`vapid key: ${res.status}`);
  return base64UrlToBytes((await res.json()).data.publicKey);
}

const send = (method, path, body) => fetch(path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/**
 * The browser replaced (or expired) our push subscription. Subscribe again with the same
 * applicationServerKey unless the browser already did, then, for each ticket this device
 * follows, register the new subscription with the same choices (POST .../push) and drop the old
 * endpoint (DELETE .../push). The server needs nothing new for this: the ticket's token is the key.
 */
async function resubscribe(oldSubscription, newSubscription) {
  const tickets = await rememberedTickets();
  if (tickets.length === 0) return;
  let subscription = newSubscription;
  if (!subscription) {
    const key = (oldSubscription && oldSubscription.options && oldSubscription.options.applicationServerKey) || (await serverKey());
    subscription = await self.registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
  }
  const json = subscription.toJSON();
  for (const t of tickets) {
    const path = `/api/v1/tickets/${encodeURIComponent(t.token)}/push`;
    const res = await send('POST', path, { subscription: json, lang: t.lang, aheadThreshold: t.aheadThreshold, onCalled: t.onCalled }).catch(() => null);
    if (res && res.ok) {
      const oldEndpoint = t.endpoint || (oldSubscription && oldSubscription.endpoint);
      if (oldEndpoint && oldEndpoint !== subscription.endpoint) await send('DELETE', path, { endpoint: oldEndpoint }).catch(() => null);
      await remember({ ...t, endpoint: subscription.endpoint });
    } else if (res && (res.status === 404 || res.status === 409)) {
      // The ticket is gone or finished (or being served): nothing more to tell.
      await forget(t.token);
    }
  }
}

self.addEventListener('pushsubscriptionchange', (event) => {
  event.waitUntil(resubscribe(event.oldSubscription || null, event.newSubscription || null));
});
