// The query-language summary behind the search box's "Syntax" button (the full reference is
// docs/query-language.md). Each example is a button that puts it in the search box.
import { h } from './dom';

const kRows: [string, string][] = [
  ['putin', 'a word, in the body or the title (case-folded, stemmed)'],
  ['"phone call"', 'a phrase: the words adjacent and in order'],
  ['"phone putin"~3', 'the words in order, at most 3 other words between them'],
  ['putin NEAR/4 kremlin', 'the words in any order, at most 4 other words between them'],
  ['putin summit', 'both words (same as putin AND summit)'],
  ['putin OR kim', 'either word'],
  ['putin -trump', 'without (also NOT trump)'],
  ['(trump OR pompeo) kim', 'grouping'],
  ['title:summit', 'in the title only'],
  ['speaker:"cecilia vega"', 'said by a speaker understanding identified'],
  ['quote:"fake news"', 'inside a quote or soundbite'],
  ['entity:"Vladimir Putin"', 'names that person, organisation or place'],
  ['role:soundbite', 'has a turn with that role (anchor, reporter, soundbite, host, guest, moderator, unknown)'],
  ['show:WNT', 'that show (whole value, case-insensitive)'],
  ['show:CNN*', 'every show whose name starts with CNN'],
  ['source:CNN', 'that source or network'],
  ['date:2018-03', 'a day, month or year; date:2018-03-01..2018-03-31 for a range'],
  ['congratulate~1', 'words within 1 edit (~ alone: 2), for garbled captions'],
  ['congrat*', 'words starting with congrat'],
  ['sounds:there', 'words that sound alike (their, there)'],
  ['robust:"do not congratulate"', 'the phrase, even where captions garbled or stuttered it'],
];

export function renderHelp(onPick: (example: string) => void): HTMLElement {
  return h(
    'section',
    { id: 'syntax-help', class: 'help', 'aria-labelledby': 'syntax-help-title' },
    h('h2', { id: 'syntax-help-title' }, 'Query syntax'),
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'You type'), h('th', { scope: 'col' }, 'Finds'))),
      h(
        'tbody',
        {},
        kRows.map(([example, meaning]) =>
          h(
            'tr',
            {},
            h(
              'td',
              {},
              h(
                'button',
                {
                  type: 'button',
                  class: 'example',
                  title: 'Search for this',
                  onclick: () => onPick(example),
                },
                h('code', {}, example),
              ),
            ),
            h('td', {}, meaning),
          ),
        ),
      ),
    ),
    h(
      'p',
      {},
      'Operators are upper case (AND, OR, NOT); NOT binds tightest, then AND, then OR. ',
      'A query needs a positive part. Errors point at the column where the problem is. ',
      'Press ',
      h('kbd', {}, '/'),
      ' anywhere to jump to the search box.',
    ),
  );
}
