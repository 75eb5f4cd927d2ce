// Reads words (one per line) on stdin, writes "word<TAB>primary<TAB>alternate" lines with the
// npm double-metaphone package: the reference for analysis::double_metaphone (no length cap).
// Usage (from the repository root):
//   npm ci --prefix scripts/double-metaphone-golden
//   bash scripts/double-metaphone-golden/words.sh |
//     node scripts/double-metaphone-golden/gen.mjs > tests/data/phonetic/double_metaphone.tsv
import {doubleMetaphone} from 'double-metaphone'
import {readFileSync} from 'node:fs'

const words = readFileSync(0, 'utf8').split('\n').filter((w) => w.length > 0)
const out = ['# word\tprimary\talternate  (npm double-metaphone 2.0.1; scripts/double-metaphone-golden)']
for (const w of words) {
  const [primary, alternate] = doubleMetaphone(w)
  out.push(`${w}\t${primary}\t${alternate}`)
}
process.stdout.write(out.join('\n') + '\n')
