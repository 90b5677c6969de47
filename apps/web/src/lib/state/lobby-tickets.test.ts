import { describe, expect, it } from 'vitest';
import { classesAbove, reasonChoices, reasonFor } from './lobby-tickets.js';

describe('priority tickets from the panel', () => {
  it('offers only the classes above a ticket’s own (a priority is raised, never lowered)', () => {
    expect(classesAbove('normal')).toEqual(['priority', 'vip']);
    expect(classesAbove('priority')).toEqual(['vip']);
    expect(classesAbove('vip')).toEqual([]);
  });

  it('offers the priority class’s presets (elderly, pregnant, disability) and own words; a VIP needs words', () => {
    expect(reasonChoices('priority')).toEqual(['elderly', 'pregnant', 'disability', 'other']);
    expect(reasonChoices('vip')).toEqual(['other']);
  });

  it('sends a preset as its word, other reasons as typed (trimmed), and nothing for a normal ticket', () => {
    expect(reasonFor('priority', 'pregnant', 'ignored')).toBe('pregnant');
    expect(reasonFor('priority', 'other', '  walks with a cane ')).toBe('walks with a cane');
    expect(reasonFor('priority', 'other', '   ')).toBe('');
    expect(reasonFor('priority', '', '')).toBe('');
    // A preset of the priority class does not carry over to VIP: its reason is typed.
    expect(reasonFor('vip', 'elderly', 'Private banking client')).toBe('Private banking client');
    expect(reasonFor('normal', 'elderly', 'x')).toBe('');
    // Never cut off unseen: the form refuses it instead (textCount).
    expect(reasonFor('vip', 'other', 'x'.repeat(250))).toHaveLength(250);
  });
});
