#!/usr/bin/env python3
"""Builds the understanding evaluation set from its annotated sources.

Each source in source/*.txt is one transcript written for Newsdex, with inline annotations:

    % set: dev | test | train  % format: page | cable | vtt | srt
    % file: name of the transcript file to write
    % date: YYYY-MM-DD         % title: ...       % source: ABC   % show: WNT
    % entities: Donald Trump/person; ABC News/organization; Moscow/place
    then the text, where
    [[role|Speaker Name]] opens a turn (role anchor, reporter, soundbite, unknown; name optional)
    {{quoted words|Speaker|medium}} marks the words inside quotation marks (speaker, medium
    optional; the marks themselves stay in the text). Marks nest: in
    {{He said 'it {{is done,|Jane Roe}}' today.|John Doe}} John Doe quotes Jane Roe.

The parts: dev (rules are tuned on it), test (held out: scored once per round, never read per
item) and train (training-only, since issue 4 round 7: examples for the learned attribution model;
rules are never tuned on it and its per-item errors are not read).

It writes <set>/<file> (the transcript, annotations removed), a sidecar <file>.meta.json, and
<file>.gold.json: {"turns": [{"at", "role", "speaker"}], "quotes": [{"text", "speaker",
"medium", "in"}], "entities": [[name, type]]}; "in" (only on a nested quote) is the index in
"quotes" of the quote around it. "at" is the turn's first words as they appear in the
reader's body. Run it from this directory after editing a source; commit its output.
"""
import json
import pathlib
import re

HERE = pathlib.Path(__file__).resolve().parent
TURN = re.compile(r"\[\[([a-z]+)(?:\|([^\]]*))?\]\]")


def parse(path):
    meta, lines = {}, []
    for line in path.read_text().splitlines():
        if line.startswith("% "):
            for part in line[2:].split("  % "):
                key, _, value = part.partition(":")
                meta[key.strip()] = value.strip()
        else:
            lines.append(line)
    return meta, "\n".join(lines).strip("\n")


def scan(text, with_turns=True):
    """Removes annotations; returns the text, turns and quotes. Quote marks nest: the quotes are
    listed in the order their "{{" opens, and a quote inside another carries "in", the index of
    the quote around it."""
    turns, quotes = [], []
    frames = [[]]  # text pieces of the top level and of each open quote
    open_quotes = []  # index in `quotes` of each open quote, innermost last
    i = 0
    while i < len(text):
        if with_turns and text.startswith("[[", i) and not open_quotes:
            m = TURN.match(text, i)
            if m:
                rest = TURN.sub("", scan(text[m.end():], with_turns=False)[0])
                at = rest.split("\n")[0]
                at = re.sub(r"^(>>\s*|<v [^>]*>)", "", at)
                turns.append({"at": at[:48].rstrip(), "role": m.group(1), "speaker": m.group(2) or None})
                i = m.end()
                continue
        if text.startswith("{{", i):
            quotes.append(None)
            open_quotes.append(len(quotes) - 1)
            frames.append([])
            i += 2
            continue
        if text.startswith("}}", i) and open_quotes:
            fields = "".join(frames.pop()).split("|", 2)
            index = open_quotes.pop()
            fields += [""] * (3 - len(fields))
            quote = {"text": fields[0], "speaker": fields[1] or None, "medium": fields[2] or None}
            if open_quotes:
                quote["in"] = open_quotes[-1]
            quotes[index] = quote
            frames[-1].append(fields[0])
            i += 2
            continue
        frames[-1].append(text[i])
        i += 1
    if open_quotes:
        raise SystemExit("unclosed {{ in: " + text[:60])
    return "".join(frames[0]), turns, quotes


def vtt(text, srt=False):
    cues, t = [], 1.0
    for n, line in enumerate([l for l in text.split("\n") if l.strip()], 1):
        d = 2.0 + len(line) / 20
        def ts(x):
            ms = int(round(x * 1000))
            h, rem = divmod(ms, 3600000)
            m, rem = divmod(rem, 60000)
            s, ms = divmod(rem, 1000)
            sep = "," if srt else "."
            return f"{h:02}:{m:02}:{s:02}{sep}{ms:03}"
        head = f"{n}\n" if srt else ""
        cues.append(f"{head}{ts(t)} --> {ts(t + d)}\n{line}\n")
        t += d + 0.1
    return ("" if srt else "WEBVTT\n\n") + "\n".join(cues)


def main():
    for path in sorted((HERE / "source").glob("*.txt")):
        meta, text = parse(path)
        body, turns, quotes = scan(text)
        fmt = meta["format"]
        if fmt == "page":
            content = f" date {meta['date']} Transcript for {meta['title']}\n\n{body}\n"
        elif fmt == "cable":
            content = body + "\n"
        else:
            content = vtt(body, srt=fmt == "srt")
        out_dir = HERE / meta["set"]
        out_dir.mkdir(exist_ok=True)
        target = out_dir / meta["file"]
        target.write_text(content)
        sidecar = {k: meta[k] for k in ("source", "show") if k in meta}
        if fmt in ("vtt", "srt"):
            sidecar.update({"date": meta["date"], "title": meta["title"]})
        (out_dir / (meta["file"] + ".meta.json")).write_text(json.dumps(sidecar) + "\n")
        entities = []
        for e in filter(None, (x.strip() for x in meta.get("entities", "").split(";"))):
            name, _, kind = e.rpartition("/")
            entities.append([name, kind])
        gold = {"turns": turns, "quotes": quotes, "entities": entities}
        (out_dir / (meta["file"] + ".gold.json")).write_text(json.dumps(gold, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
