"""Independent word-level Distinct-1/2/3 of the MAGneT released sessions (standard library only).

MAGneT's cleaning: a session's messages joined by line breaks, every character outside [0-9A-Za-z ] deleted
(the line breaks too, so the last word of a message runs into the first of the next), split at spaces.
N-grams within each session, pooled over the corpus. Variants: 'magnet' keeps case; 'magnet-lower' lower-cases.
Entries in hidden folders (.ipynb_checkpoints, __MACOSX) are not sessions and are skipped, as the importer does.
Usage: python3 bench/distinct_reference.py <zip>  -> JSON on stdout.
"""
import json
import re
import sys
import zipfile

NOT_KEPT = re.compile(r"[^0-9A-Za-z ]")


def is_session(name):
    return name.endswith(".json") and not any(p.startswith(".") or p == "__MACOSX" for p in name.split("/"))


def main(path, max_n=3):
    sessions = []
    with zipfile.ZipFile(path) as archive:
        for name in sorted(n for n in archive.namelist() if is_session(n)):
            record = json.loads(archive.read(name))
            sessions.append((name.rsplit("/", 1)[-1][: -len(".json")], [m["message"] for m in record["dialogue"]]))
    out = {"sessions": len(sessions)}
    for variant, lower in (("magnet", False), ("magnet-lower", True)):
        seen = [set() for _ in range(max_n)]
        total = [0] * max_n
        per_session = {}
        for name, messages in sessions:
            text = NOT_KEPT.sub("", "\n".join(messages))
            tokens = (text.lower() if lower else text).split()
            own = []
            for n in range(1, max_n + 1):
                grams = [tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
                total[n - 1] += len(grams)
                seen[n - 1].update(grams)
                own.append(len(set(grams)))
            per_session[name] = own
        out[variant] = {"tokens": total[0], "total": total, "unique": [len(s) for s in seen], "perSession": per_session}
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
