#!/usr/bin/env python3
"""Counts test cases across meson's JSON test logs and prints the closing
line "N passed, N failed". A TAP test counts each of its cases; a test
that died without reporting all of them counts as one more failure."""

import json
import re
import sys

passed = failed = skipped = 0
failures = []

for path in sys.argv[1:]:
    try:
        with open(path, encoding="utf-8") as log:
            entries = [json.loads(line) for line in log if line.strip()]
    except OSError as error:
        print(f"cannot read {path}: {error}")
        failed += 1
        continue
    for entry in entries:
        name = entry.get("name", "?")
        result = entry.get("result", "FAIL")
        cases = re.findall(r"^(not ok|ok)\b(.*)$", entry.get("stdout", "") or "", re.M)
        ok = sum(1 for verdict, rest in cases if verdict == "ok" and "# SKIP" not in rest)
        skip = sum(1 for verdict, rest in cases if verdict == "ok" and "# SKIP" in rest)
        bad = sum(1 for verdict, _ in cases if verdict == "not ok")
        if not cases:
            ok, bad = (1, 0) if result in ("OK", "EXPECTEDFAIL") else (0, 1)
        elif result not in ("OK", "EXPECTEDFAIL") and bad == 0:
            bad = 1
        passed += ok
        skipped += skip
        failed += bad
        if bad:
            failures.append(f"{path.split('/')[-3]}: {name}")

for failure in failures:
    print(f"FAILED {failure}")
line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
sys.exit(1 if failed or passed == 0 else 0)
