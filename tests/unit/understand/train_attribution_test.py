#!/usr/bin/env python3
"""scripts/train_attribution.py on a small synthetic example set: training is deterministic (the
same weights twice), learns which feature marks the speaker, and its CV reports the rules' and
the model's share of quotes right. Skipped (77) without liblinear-train (install-deps.sh train)."""
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[3]
SCRIPT = ROOT / "scripts" / "train_attribution.py"


def main():
    if shutil.which("liblinear-train") is None:
        print("liblinear-train not installed: skipped")
        return 77
    with tempfile.TemporaryDirectory() as tmp:
        ex = os.path.join(tmp, "ex.tsv")
        with open(ex, "w") as out:
            # 40 quotes in 10 files: the speaker is right before a speech verb; the rules chose
            # the nearest name, which is right only in every fourth quote.
            for case in range(40):
                file = f"dev/f{case % 10}.txt"
                right = case % 4 == 0
                out.write(f"{file}\t{case}\t{1 if right else 0}\tNear One\trule:1 nearest_pre:1 person:1"
                          + (" subject_verb_pre:1" if right else "") + "\n")
                out.write(f"{file}\t{case}\t0\t-\tnobody:1\n")
                if not right:
                    out.write(f"{file}\t{case}\t1\tVerb Two\tsubject_verb_pre:1 person:1 in_pre:1\n")
        models = []
        for n in range(2):
            path = os.path.join(tmp, f"m{n}.tsv")
            run = subprocess.run([sys.executable, SCRIPT, "--write", path, "--c", "1", ex],
                                 capture_output=True, text=True, check=True)
            assert "right on 40 of 40 training quotes (rules 10)" in run.stdout, run.stdout
            models.append(open(path).read().replace(path, "MODEL"))
        assert models[0] == models[1], "training is not deterministic"
        weights = {l.split("\t")[0]: float(l.split("\t")[1])
                   for l in models[0].splitlines() if l and not l.startswith("#")}
        assert weights["subject_verb_pre"] > weights["nearest_pre"], weights
        assert "sha256" in models[0]
        cv = subprocess.run([sys.executable, SCRIPT, "--cv", ex], capture_output=True, text=True,
                            check=True).stdout
        assert "C=1     5-fold CV: model right on 40 (1.000), rules 10 (0.250)" in cv, cv
        # Pairwise training ranks the candidates of a quote the same way.
        path = os.path.join(tmp, "pairwise.tsv")
        run = subprocess.run([sys.executable, SCRIPT, "--write", path, "--c", "1", "--pairwise", ex],
                             capture_output=True, text=True, check=True)
        assert "right on 40 of 40 training quotes (rules 10)" in run.stdout, run.stdout
        assert "--pairwise" in open(path).read()
        # Two parts: CV reports each apart; with the rules' features masked on one part, their
        # weight comes from the other part only.
        two = os.path.join(tmp, "two.tsv")
        with open(ex) as src, open(two, "w") as out:
            for line in src:
                case = int(line.split("\t")[1])
                out.write(line.replace("dev/", "train/", 1) if case % 2 else line)
        cv = subprocess.run([sys.executable, SCRIPT, "--cv", "--cs", "1", "--mask-rules", "dev", two],
                            capture_output=True, text=True, check=True).stdout
        assert "; dev 20/20 (1.000, rules 0.500); train 20/20 (1.000, rules 0.000)" in cv, cv
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
