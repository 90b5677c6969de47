/**
 * Asks the browser to keep the display on (Screen Wake Lock API, where there is one). The lock
 * is dropped whenever the page is hidden, so it is asked for again on every return.
 */
export function keepAwake(): () => void {
  const wakeLock = (navigator as Navigator & { wakeLock?: { request(type: 'screen'): Promise<unknown> } }).wakeLock;
  if (!wakeLock) return () => undefined;
  const request = () => {
    if (document.visibilityState === 'visible') wakeLock.request('screen').catch(() => undefined);
  };
  request();
  document.addEventListener('visibilitychange', request);
  return () => document.removeEventListener('visibilitychange', request);
}
