import { afterEach, describe, expect, it, vi } from 'vitest';
import { HelpAssistant } from './help-assistant.svelte.js';
import { fakeFetch, json, type Answer } from '$lib/testing/fake-api.js';

/** Answers every request with `answer`; records what was sent. */
const server = (answer: Answer) => fakeFetch(() => answer());

afterEach(() => vi.unstubAllGlobals());

describe('HelpAssistant', () => {
  it('asks the branch (id or code) in the page language, logs both turns and keeps the next suggestions', async () => {
    const sent = server(() => json(200, { data: { intent: 'hours', answer: '今天营业。', facts: [], suggestions: ['现在要等多久？'] } }));
    const chat = new HelpAssistant(() => 'demo');
    expect(await chat.ask('  营业时间 ', 'zh')).toBe(true);
    expect(sent).toEqual([{ method: 'POST', path: '/api/v1/branches/demo/assistant', body: { question: '营业时间', language: 'zh' } }]);
    expect(chat.entries.map((e) => e.from)).toEqual(['you', 'assistant']);
    expect(chat.entries[1]).toMatchObject({ text: '今天营业。', lang: 'zh' });
    expect(chat.suggestions).toEqual({ lang: 'zh', items: ['现在要等多久？'] });
    expect(chat.busy).toBe(false);
  });

  it('does not send a question the server would refuse', async () => {
    const sent = server(() => json(500, {}));
    const chat = new HelpAssistant(() => 'demo');
    expect(await chat.ask('   ', 'en')).toBe(false);
    expect(chat.problem).toEqual({ key: 'help.error.empty' });
    expect(sent).toHaveLength(0);
    expect(chat.entries).toHaveLength(0);
  });

  it('a refusal becomes an error turn the panel words', async () => {
    server(() => json(429, { error: { code: 'RATE_LIMITED', message: 'slow down' } }));
    const chat = new HelpAssistant(() => 'b1');
    await chat.ask('hours', 'en');
    expect(chat.entries.at(-1)).toMatchObject({ from: 'error', key: 'help.error.RATE_LIMITED' });
  });
});
