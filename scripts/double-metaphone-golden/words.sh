#!/usr/bin/env bash
# The word list of tests/data/phonetic/double_metaphone.tsv (run from the repository root):
# hand-picked words for Philips' special cases, every gazetteer name word, first names, and the
# words of the public-domain speech corpus that CMUdict lacks. Deterministic (sorted, distinct,
# lower-case ASCII letters only; sampled by a fixed stride where the sources are large).
set -euo pipefail
corpus=${CORPUS:-/work/shared/corpus}
cmudict=${CMUDICT:-/usr/share/festival/dicts/cmu/cmudict-0.4.out}
words() { tr -c 'A-Za-z\n' '\n' | tr 'A-Z' 'a-z' | awk 'length($0) > 1' | sort -u; }
{
  cat scripts/double-metaphone-golden/special-cases.txt
  grep -hv '^#' data/gazetteer/{people,presidents,cities,countries,organizations,us_states}.tsv | words
  grep -v '^#' data/gazetteer/first_names.txt | cut -f1 | words | awk 'NR % 4 == 0'
  if [[ -d $corpus ]]; then
    sed -n 's/^("\([^"]*\)".*/\1/p' "$cmudict" | words > /tmp/dm-cmudict-words.$$
    find "$corpus" -type f -print0 | sort -z | xargs -0 cat | words |
      comm -23 - /tmp/dm-cmudict-words.$$ | awk 'NR % 2 == 0' | head -1500
    rm -f /tmp/dm-cmudict-words.$$
  fi
} | words
