// go-wordwrap's WrapString, as kubectl explain wraps descriptions.
import { describe, expect, it } from 'vitest';
import { indent, wrapString } from '../../../src/apiserver/openapi/word-wrap.js';

describe('wrapString', () => {
  it.each([
    ['foo bar baz', 7, 'foo bar\nbaz'],
    ['foo bar baz', 11, 'foo bar baz'],
    ['a\n\nb', 5, 'a\n\nb'],
    ['abcdefghij xy', 5, 'abcdefghij\nxy'],
    ['ab   ', 10, 'ab   '],
    ['one  two', 4, 'one\ntwo'],
    ['text\n', 76, 'text\n'],
    ['ünïcödé wörds', 7, 'ünïcödé\nwörds'],
  ])('%j at %i', (text, limit, expected) => {
    expect(wrapString(text, limit)).toBe(expected);
  });

  it('indents every line, empty ones too', () => {
    expect(indent(2, 'a\n\nb\n')).toBe('  a\n  \n  b\n  ');
  });
});
