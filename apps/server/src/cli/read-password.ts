import type { Readable, Writable } from 'node:stream';

/** A terminal's input, as Node's process.stdin is one when attached to a TTY. */
type Terminal = Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };

/**
 * A password typed on the terminal without echo (asked twice, to catch a typo nobody could see),
 * or the first line of a pipe (`printf '%s\n' "$PW" | npm run admin -- create root`). Prompts go
 * to `out` (stderr), so stdout stays for the result.
 */
export async function readPassword(input: Terminal, out: Writable): Promise<string> {
  if (!input.isTTY || !input.setRawMode) return firstLine(input);
  const first = await hidden(input, out, 'Password / 密码: ');
  const again = await hidden(input, out, 'Again / 再次输入: ');
  if (first !== again) throw new Error('The two passwords differ / 两次输入的密码不一致');
  return first;
}

async function firstLine(input: Readable): Promise<string> {
  let text = '';
  for await (const chunk of input) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}

function hidden(input: Terminal, out: Writable, prompt: string): Promise<string> {
  out.write(prompt);
  input.setRawMode!(true);
  input.resume();
  return new Promise((resolve, reject) => {
    let typed = '';
    const done = (err: Error | null) => {
      input.off('data', onData);
      input.setRawMode!(false);
      input.pause();
      out.write('\n');
      if (err) reject(err);
      else resolve(typed);
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of String(chunk)) {
        if (ch === '\r' || ch === '\n') return done(null);
        if (ch === '\u0003') return done(new Error('Cancelled / 已取消'));
        if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
        else if (ch >= ' ') typed += ch;
      }
    };
    input.on('data', onData);
  });
}
