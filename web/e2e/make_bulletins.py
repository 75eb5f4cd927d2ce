#!/usr/bin/env python3
"""Writes N short, made-up news bulletins as JSON Lines (every one contains the word "bulletin"),
for the page's test that a 10 000-hit query renders one page at a time. Deterministic."""
import json, random, sys
rng = random.Random(7)
shows = [("ABC", "WNT"), ("ABC", "GMA"), ("CNN", "Newsroom"), ("NPR", "All Things Considered"), ("PBS", "NewsHour"), ("CBS", "Evening News")]
topics = ["storm", "summit", "tariffs", "election", "wildfire", "markets", "budget", "court", "vaccine", "strike"]
places = ["Houston", "Hanoi", "Ohio", "Paradise", "Washington", "London", "Denver", "Miami"]
for i in range(int(sys.argv[1])):
    src, show = shows[i % len(shows)]
    t, p = rng.choice(topics), rng.choice(places)
    y, m, d = 2015 + i % 6, 1 + (i // 6) % 12, 1 + (i // 72) % 28
    body = (f">> Good evening. Tonight's bulletin: the {t} in {p}. Reporter: Officials in {p} say the {t} "
            f"story is still developing, number {i}. We will follow the {t} through the night. "
            f">> Back to you.")
    print(json.dumps({"id": f"bulletin-{i:05d}", "source": src, "show": show, "date": f"{y}-{m:02d}-{d:02d}",
                      "title": f"Bulletin {i}: the {t} in {p}", "body": body}))
