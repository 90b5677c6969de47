/**
 * Why `npm start` stopped, for the person who ran it: one line per language (English, then
 * Simplified Chinese), no stack trace. Errors the start-up raises on purpose carry both texts
 * (`StartFailure`, the db package's `PgliteFolderHeld`); anything else (a library's own message)
 * is shown as it is, behind both headings.
 */
export class StartFailure extends Error {
  constructor(
    readonly en: string,
    readonly zh: string,
  ) {
    super(`${en}\n${zh}`);
    this.name = 'StartFailure';
  }
}

function bilingual(err: unknown): { en: string; zh: string } {
  if (err && typeof err === 'object' && typeof (err as StartFailure).en === 'string' && typeof (err as StartFailure).zh === 'string') {
    return { en: (err as StartFailure).en, zh: (err as StartFailure).zh };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { en: message, zh: message };
}

/** The two lines `main` prints before exiting with 1. */
export function couldNotStart(err: unknown): string {
  const { en, zh } = bilingual(err);
  return `Tellerline could not start: ${en}\nTellerline 无法启动：${zh}`;
}

/**
 * The HTTP listener's failure in words: which address, what to change. Node's own error
 * (`listen EADDRINUSE: address already in use`) names neither the variable nor a remedy.
 */
export function listenFailure(err: NodeJS.ErrnoException, host: string, port: number): Error {
  switch (err.code) {
    case 'EADDRINUSE':
      return new StartFailure(
        `port ${port} on ${host} is in use by another program: stop it, or set PORT to a free port`,
        `端口 ${port}（${host}）已被占用：请停止占用它的程序，或用 PORT 设置一个空闲端口`,
      );
    case 'EACCES':
      return new StartFailure(
        `not allowed to listen on port ${port} (ports below 1024 need privileges): set PORT to 1024 or above`,
        `无权监听端口 ${port}（1024 以下的端口需要特权）：请用 PORT 设置 1024 或以上的端口`,
      );
    case 'EADDRNOTAVAIL':
      return new StartFailure(
        `this machine has no address ${host}: set HOST to one of its addresses (127.0.0.1, 0.0.0.0 for all)`,
        `本机没有地址 ${host}：请用 HOST 设置本机的地址（127.0.0.1，或 0.0.0.0 表示全部）`,
      );
    default:
      return err;
  }
}
