import Router from '@koa/router';
import { NotifyContactBody, PushSubscribeBody, PushUnsubscribeBody, TokenParams } from '@tellerline/contracts';
import { parse } from '../../errors.js';
import type { NoticeSignups } from '../../notifications/signups.js';
import { readJson } from '../middleware/json-body.js';

export interface PushRouteDeps {
  signups: NoticeSignups;
  bodyLimitBytes: number;
}

/**
 * Customer notices outside the open page: web push subscriptions and, where push is not
 * available, e-mail or SMS. The phone page's token is the only key (like GET /tickets/:token).
 */
export function pushRoutes(deps: PushRouteDeps): Router {
  const router = new Router({ prefix: '/api/v1' });
  const { signups } = deps;

  /** The VAPID public key, the `applicationServerKey` of `pushManager.subscribe`. */
  router.get('/push/vapid-public-key', (ctx) => {
    ctx.set('cache-control', 'public, max-age=3600');
    ctx.body = { data: { publicKey: signups.vapidPublicKey() } };
  });

  /** Which channels this installation offers (the page hides what is not set up). */
  router.get('/notify/channels', (ctx) => {
    ctx.set('cache-control', 'public, max-age=300');
    ctx.body = { data: signups.channels() };
  });

  router.post('/tickets/:token/push', async (ctx) => {
    const { token } = parse(TokenParams, ctx.params);
    const body = parse(PushSubscribeBody, await readJson(ctx, deps.bodyLimitBytes));
    const saved = await signups.subscribePush(token, body);
    ctx.status = 201;
    ctx.body = { data: { id: saved.id, aheadThreshold: saved.aheadThreshold, onCalled: saved.onCalled, lang: saved.lang } };
  });

  router.delete('/tickets/:token/push', async (ctx) => {
    const { token } = parse(TokenParams, ctx.params);
    const body = parse(PushUnsubscribeBody, await readJson(ctx, deps.bodyLimitBytes));
    ctx.body = { data: await signups.unsubscribePush(token, body.endpoint) };
  });

  router.get('/tickets/:token/notify', async (ctx) => {
    const { token } = parse(TokenParams, ctx.params);
    ctx.set('cache-control', 'no-store');
    ctx.body = { data: await signups.choices(token) };
  });

  router.post('/tickets/:token/notify', async (ctx) => {
    const { token } = parse(TokenParams, ctx.params);
    const body = parse(NotifyContactBody, await readJson(ctx, deps.bodyLimitBytes));
    ctx.status = 201;
    ctx.body = { data: await signups.addContact(token, body) };
  });

  router.delete('/tickets/:token/notify', async (ctx) => {
    const { token } = parse(TokenParams, ctx.params);
    ctx.body = { data: await signups.removeContacts(token) };
  });

  return router;
}
