// How a bot message's plain text is grouped before it is shown (chat.js
// parseReply), with the shapes bot/dialogue/guide/render.py and bot/dialogue/answers/compose.py write.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseReply } from '../../bot/web/static/chat.js';

const kinds = (text) => parseReply(text).map((block) => block.kind);

test('a guide step: title, advice, a section of «•» lines with their sources', () => {
  const blocks = parseReply([
    'Mistanke om vold eller seksuelle overgrep (BTI-nivå 3)',
    'Ikke ta det opp med foreldrene først.',
    'Regler som gjelder:',
    '• Avvergingsplikt: Ring politiet på 112 når det haster.',
    '  Kilde: Straffeloven § 196 (sist kontrollert 22.11.2026).',
    '• Opplysningsplikt: Du kan alltid melde.',
    'Hva passer best?',
  ].join('\n'));
  assert.deepEqual(blocks.map((b) => b.kind), ['title', 'paragraph', 'subheading', 'list', 'paragraph']);
  assert.deepEqual(blocks[3].items, [
    ['Avvergingsplikt: Ring politiet på 112 når det haster.',
      'Kilde: Straffeloven § 196 (sist kontrollert 22.11.2026).'],
    ['Opplysningsplikt: Du kan alltid melde.'],
  ]);
});

test('a one-line reply or one that opens with a sentence has no title', () => {
  assert.deepEqual(kinds('Hva gjelder bekymringen din?'), ['paragraph']);
  assert.deepEqual(kinds('Takk for at du sier fra. Jeg går gjennom veilederen.\nEr barnet i akutt fare nå? Ring 112.'),
    ['paragraph', 'paragraph']);
});

test('a short question over more lines is the title; a line ending in a colon is a subheading', () => {
  assert.deepEqual(kinds('Hva er du bekymret for?\nVelg det som passer best.'), ['title', 'paragraph']);
  assert.deepEqual(kinds('Er du i tvil? Drøft saken uten navn med barnevernet:\n• Barneverntjenesten: 62 00 00 10'),
    ['subheading', 'list']);
});

test('dashes count as bullets, and empty lines are dropped', () => {
  assert.deepEqual(parseReply('Oppsummering\n\n- Snakk med lederen din i dag.\n- Akutt fare: ring 112'), [
    { kind: 'title', text: 'Oppsummering' },
    { kind: 'list', items: [['Snakk med lederen din i dag.'], ['Akutt fare: ring 112']] },
  ]);
});
