#!/usr/bin/env python3
"""Trains the quote-attribution model (src/newsdex/understand/attribution.hpp) with liblinear.

Input: the training examples `newsdex eval --set dev,train --attribution-features FILE` writes
(the dev and training-only parts, never test: one line per candidate speaker of each annotated
quote, features of the rules-only run).
Each candidate is an example (1 = the annotated speaker); a logistic regression (liblinear -s 0,
L2) learns the weights, and a quote goes to its highest-scoring candidate (the rules' choice,
listed first, on a tie).

    scripts/install-deps.sh train       # liblinear-tools
    build/release/newsdex eval --set dev,train --attribution-features /tmp/attr.tsv tests/data/understand
    scripts/train_attribution.py --cv /tmp/attr.tsv                 # 5-fold CV by file, per C
    scripts/train_attribution.py --write data/attribution/quote-speaker.tsv --c 1 /tmp/attr.tsv

--cv prints, per C, the share of annotated quotes whose speaker the model (and the rules) get
right on held-out folds (files split by sorted name, file i in fold i % 5). --drop PREFIX leaves
out features whose name starts with PREFIX (repeatable), to compare feature sets.

--score OTHER trains on all the examples and scores the examples of OTHER (text neither the
rules nor the model saw: write it, extract it with --files, score it before tuning on it).
--blend A... scores a rule-free ranker (trained without rule, rule_*, nobody_rule) plus A times
"the rules chose this candidate", out of fold in --cv and on --score's examples.
"""
import argparse
import collections
import hashlib
import os
import subprocess
import sys
import tempfile


def load(path, drop):
    cases = collections.OrderedDict()  # case id -> (file, [(label, name, {feature: value})])
    for line in open(path, encoding="utf-8"):
        file, case, label, name, feats = line.rstrip("\n").split("\t")
        f = {}
        for kv in feats.split():
            k, _, v = kv.rpartition(":")
            if not any(k.startswith(d) for d in drop):
                f[k] = float(v)
        cases.setdefault(case, (file, []))[1].append((int(label), name, f))
    return list(cases.values())


def is_rule_feature(k):
    return k == "rule" or k.startswith("rule_") or k == "nobody_rule"


def mask_rules(cases, parts):
    """Removes the rules' features (rule, rule_*, nobody_rule) from the examples of these parts
    (e.g. dev, where the rules were tuned and look better than they are): the weight of the rules'
    choice is then learned only from text the rules were not tuned on (train, as of round 7)."""
    if not parts:
        return cases
    return [(file, [(l, n, {k: v for k, v in f.items() if not is_rule_feature(k)}) for l, n, f in cands])
            if file.split("/")[0] in parts else (file, cands) for file, cands in cases]


def conjoin(cases, pairs):
    """Adds conjunction features "a*b" (the product of a and b) to every candidate: with pairs
    "rule", each rule_* or nobody_* feature times every other feature; with "all", every pair."""
    if not pairs:
        return cases
    def first(k):
        return pairs == "all" or k == "rule" or k.startswith("rule_") or k.startswith("nobody")
    out = []
    for file, cands in cases:
        new = []
        for label, name, f in cands:
            g = dict(f)
            keys = sorted(f)
            for i, a in enumerate(keys):
                for b in keys[i + 1:]:
                    if first(a) or first(b):
                        g[f"{a}*{b}"] = f[a] * f[b]
            new.append((label, name, g))
        out.append((file, new))
    return out


def train(cases, names, c, workdir, pairwise=False):
    """Pointwise: every candidate is an example (1 = the annotated speaker). Pairwise: every
    (annotated speaker, other candidate) pair of a quote is an example of their feature
    difference, both ways round, so the weights rank candidates of one quote against each other."""
    index = {n: i + 1 for i, n in enumerate(names)}
    data = os.path.join(workdir, "train.svm")
    model = os.path.join(workdir, "model")
    def row(label, f):
        feats = " ".join(f"{index[k]}:{v:g}" for k, v in sorted(f.items(), key=lambda x: index[x[0]]) if v)
        return f"{label} {feats}\n"
    with open(data, "w") as out:
        for _, cands in cases:
            if not pairwise:
                for label, _, f in cands:
                    out.write(row("+1" if label else "-1", f))
                continue
            for lp, _, fp in cands:
                if not lp:
                    continue
                for ln, _, fn in cands:
                    if ln:
                        continue
                    d = {k: fp.get(k, 0.0) - fn.get(k, 0.0) for k in set(fp) | set(fn)}
                    out.write(row("+1", d))
                    out.write(row("-1", {k: -v for k, v in d.items()}))
    subprocess.run(["liblinear-train", "-s", "0", "-c", str(c), "-q", data, model], check=True)
    lines = open(model).read().split("\n")
    labels = next(l for l in lines if l.startswith("label")).split()[1:]
    w = [float(x) for x in lines[lines.index("w") + 1:] if x.strip()]
    sign = 1.0 if labels[0] == "1" else -1.0
    return {n: sign * w[i] for i, n in enumerate(names)}


def pick(cands, weights):
    best, top = 0, None
    for i, (_, _, f) in enumerate(cands):
        s = sum(weights.get(k, 0.0) * v for k, v in f.items())
        if top is None or s > top:
            best, top = i, s
    return best


def blend(args):
    """Rule-free ranker (pairwise, C=args.c) plus A x "the rules chose this candidate"."""
    rule_free = [x for x in args.drop] + ["rule", "nobody_rule"]
    cases, full = load(args.examples, rule_free), load(args.examples, args.drop)
    names = sorted({k for _, cands in cases for _, _, f in cands for k in f})
    files = sorted({file for file, _ in cases})
    fold_of = {file: i % args.folds for i, file in enumerate(files)}

    def chose(f):
        return 1.0 if f.get("rule") or f.get("nobody_rule") else 0.0

    def right(cases_, full_, scores, a):
        n = 0
        for (_, cands), (_, fc), sc in zip(cases_, full_, scores):
            s = [x + a * chose(fc[j][2]) for j, x in enumerate(sc)]
            n += cands[max(range(len(s)), key=lambda j: (s[j], -j))][0]
        return n

    def score_all(cases_, w):
        return [[sum(w.get(k, 0.0) * v for k, v in f.items()) for _, _, f in cands] for _, cands in cases_]

    with tempfile.TemporaryDirectory() as tmp:
        if args.cv:
            oof = [None] * len(cases)
            for k in range(args.folds):
                w = train([x for x in cases if fold_of[x[0]] != k], names, args.c, tmp, True)
                for i, (file, cands) in enumerate(cases):
                    if fold_of[file] == k:
                        oof[i] = score_all([(file, cands)], w)[0]
            rules = sum(cands[0][0] for _, cands in full)
            for a in args.blend:
                print(f"A={a:g} {args.folds}-fold CV: right on {right(cases, full, oof, a)} of {len(cases)} "
                      f"(rules {rules})")
        if args.score:
            other, other_full = load(args.score, rule_free), load(args.score, args.drop)
            w = train(cases, names, args.c, tmp, True)
            sc = score_all(other, w)
            rules = sum(cands[0][0] for _, cands in other_full)
            for a in args.blend:
                print(f"A={a:g} {args.score}: right on {right(other, other_full, sc, a)} of {len(other)} "
                      f"(rules {rules})")
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("examples")
    ap.add_argument("--cv", action="store_true")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--c", type=float, default=1.0)
    ap.add_argument("--drop", action="append", default=[])
    ap.add_argument("--cs", type=float, nargs="+", default=[0.03, 0.1, 0.3, 1, 3, 10],
                    help="values of C to cross-validate")
    ap.add_argument("--write")
    ap.add_argument("--pairwise", action="store_true",
                    help="train on differences between the annotated speaker and each other candidate")
    ap.add_argument("--mask-rules", action="append", default=[], metavar="PART",
                    help="drop the rules' features from this part's training examples (e.g. dev)")
    ap.add_argument("--pairs", choices=["rule", "all"],
                    help="add conjunction features a*b (rule: rule_*/nobody_* times the others)")
    ap.add_argument("--score", metavar="OTHER",
                    help="train on all the examples, score the examples in OTHER")
    ap.add_argument("--blend", type=float, nargs="+", metavar="A",
                    help="rule-free ranker + A x the rules' choice (with --cv and/or --score)")
    args = ap.parse_args()
    if args.blend is not None:
        return blend(args)
    cases = conjoin(load(args.examples, args.drop), args.pairs)
    # Training data may have the rules' features masked; the rules' own choice (candidate 0) and
    # the scoring of held-out folds always use the full features.
    train_cases = mask_rules(cases, args.mask_rules)
    names = sorted({k for _, cands in cases for _, _, f in cands for k in f})
    files = sorted({file for file, _ in cases})
    fold_of = {file: i % args.folds for i, file in enumerate(files)}
    rules = sum(cands[0][0] for _, cands in cases)
    reachable = sum(any(l for l, _, _ in cands) for _, cands in cases)
    print(f"{len(cases)} annotated quotes in {len(files)} files; rules right on {rules} "
          f"({rules / len(cases):.3f}); annotated speaker among the candidates: {reachable}")
    with tempfile.TemporaryDirectory() as tmp:
        if args.cv:
            parts = sorted({file.split("/")[0] for file in files})
            for c in args.cs:
                right = collections.Counter()
                for k in range(args.folds):
                    w = train([x for x in train_cases if fold_of[x[0]] != k], names, c, tmp, args.pairwise)
                    for file, cands in cases:
                        if fold_of[file] == k:
                            right[file.split("/")[0]] += cands[pick(cands, w)][0]
                total = sum(right.values())
                line = (f"C={c:<5} {args.folds}-fold CV: model right on {total} ({total / len(cases):.3f}), "
                        f"rules {rules} ({rules / len(cases):.3f})")
                if len(parts) > 1:  # per part: the rules were tuned on dev, never on train
                    for part in parts:
                        n = sum(1 for file, _ in cases if file.startswith(part + "/"))
                        r = sum(cands[0][0] for file, cands in cases if file.startswith(part + "/"))
                        line += f"; {part} {right[part]}/{n} ({right[part] / n:.3f}, rules {r / n:.3f})"
                print(line)
        if args.score:
            other = conjoin(load(args.score, args.drop), args.pairs)
            w = train(train_cases, names, args.c, tmp, args.pairwise)
            right = sum(cands[pick(cands, w)][0] for _, cands in other)
            r = sum(cands[0][0] for _, cands in other)
            print(f"{args.score}: {len(other)} annotated quotes; C={args.c:g}: model right on {right}, "
                  f"rules {r}")
        if args.write:
            w = train(train_cases, names, args.c, tmp, args.pairwise)
            right = sum(cands[pick(cands, w)][0] for _, cands in cases)
            digest = hashlib.sha256(open(args.examples, "rb").read()).hexdigest()
            version = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "liblinear-tools"],
                                     capture_output=True, text=True).stdout or "unknown"
            with open(args.write, "w") as out:
                out.write("# Quote-attribution weights (src/newsdex/understand/attribution.hpp), learned by\n")
                parts = ",".join(sorted({file.split("/")[0] for file in files}))
                out.write(f"# scripts/train_attribution.py from the {parts} part(s) of tests/data/understand (never test):\n")
                out.write(f"#   build/release/newsdex eval --set {parts} --attribution-features EX tests/data/understand\n")
                out.write(f"#   scripts/train_attribution.py --write {args.write} --c {args.c:g}"
                          + (" --pairwise" if args.pairwise else "")
                          + (f" --pairs {args.pairs}" if args.pairs else "")
                          + "".join(f" --mask-rules {m}" for m in args.mask_rules)
                          + "".join(f" --drop {d}" for d in args.drop) + " EX\n")
                out.write(f"# Training examples EX: sha256 {digest}, {len(cases)} quotes in {len(files)} files.\n")
                out.write(f"# liblinear-tools {version}, -s 0 (L2 logistic regression"
                          f"{', pairwise' if args.pairwise else ''}), C={args.c:g}; "
                          f"right on {right} of {len(cases)} training quotes (rules {rules}).\n")
                for n in names:
                    out.write(f"{n}\t{w[n]:.6f}\n")
            print(f"wrote {args.write}: right on {right} of {len(cases)} training quotes (rules {rules})")


if __name__ == "__main__":
    sys.exit(main())
