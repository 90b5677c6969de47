/**
 * The caller's address as our own proxies saw it. Each proxy appends the address it received
 * from to X-Forwarded-For, so with `hops` proxies in front of us the caller is the entry `hops`
 * from the right; anything left of it is whatever the client chose to send (a forged XFF). Koa
 * does the same for HTTP (`proxy` + `maxIpsCount`); this is for the socket handshake.
 */
export function callerIp(remoteAddress: string, forwardedFor: string | string[] | undefined, trustProxy: boolean, hops: number): string {
  if (!trustProxy || !forwardedFor) return remoteAddress;
  const entries = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return entries.slice(-hops)[0] ?? remoteAddress;
}
