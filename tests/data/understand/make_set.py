#!/usr/bin/env python3
"""Builds the understanding evaluation set from its annotated sources.

Each source in source/*.txt is one transcript written for Newsdex, with inline annotations:

    % set: dev | test          % format: page | cable | vtt | srt
    % file: name of the transcript file to write
    % date: YYYY-MM-DD         % title: ...       % source: ABC   % show: WNT
    % entities: Donald Trump/person; ABC News/organization; Moscow/place
    then the text, where
    [[role|Speaker Name]] opens a turn (role anchor, reporter, soundbite, unknown; name optional)
    {{quoted words|Speaker|medium}} marks the words inside quotation marks (speaker, medium
    optional; the marks themselves stay in the text).

It writes <set>/<file> (the transcript, annotations removed), a sidecar <file>.meta.json, and
<file>.gold.json: {"turns": [{"at", "role", "speaker"}], "quotes": [{"text", "speaker",
"medium"}], "entities": [[name, type]]}. "at" is the turn's first words as they appear in the
reader's body. Run it from this directory after editing a source; commit its output.
"""
import json
import pathlib
import re

HERE = pathlib.Path(__file__).resolve().parent
TURN = re.compile(r"\[\[([a-z]+)(?:\|([^\]]*))?\]\]")
QUOTE = re.compile(r"\{\{(.*?)(?:\|([^|}]*))?(?:\|([^|}]*))?\}\}", re.S)


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


def strip(text):
    """Removes annotations; returns the text, turns and quotes."""
    turns, quotes = [], []
    out = ""
    pos = 0
    pattern = re.compile(r"\[\[([a-z]+)(?:\|([^\]]*))?\]\]|\{\{(.*?)(?:\|([^|}]*))?(?:\|([^|}]*))?\}\}", re.S)
    for m in pattern.finditer(text):
        out += text[pos:m.start()]
        pos = m.end()
        if m.group(1):
            rest = TURN.sub("", QUOTE.sub(lambda q: q.group(1), text[m.end():]))
            at = rest.split("\n")[0]
            at = re.sub(r"^(>>\s*|<v [^>]*>)", "", at)
            turns.append({"at": at[:48].rstrip(), "role": m.group(1), "speaker": m.group(2) or None})
        else:
            quotes.append({"text": m.group(3), "speaker": m.group(4) or None, "medium": m.group(5) or None})
            out += m.group(3)
    out += text[pos:]
    return out, turns, quotes


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
        body, turns, quotes = strip(text)
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
