"""Feeds jitson-opt broken versions of a valid .sir file and checks that each
one either parses or fails cleanly: exit status 1, and an error that starts
with "FILE:LINE:COL: error: " on standard error. A crash, a hang, another exit
status or an unlocated error fails the test.

usage: mangle.py JITSON_OPT VALID.sir WORK_DIR MODE
  MODE truncate: every prefix of the file (cut at each byte)
  MODE mutate:   400 deterministic one- to three-byte mutations
"""
import concurrent.futures
import os
import random
import re
import subprocess
import sys

jitson_opt, valid_path, work_dir, mode = sys.argv[1:5]
with open(valid_path, "rb") as f:
    valid = f.read()
os.makedirs(work_dir, exist_ok=True)

def variants():
    if mode == "truncate":
        for cut in range(len(valid)):
            yield "cut at byte %d" % cut, valid[:cut]
    elif mode == "mutate":
        rng = random.Random(20240519)
        # Bytes that matter to the lexer, plus arbitrary ones.
        interesting = b'"\\@:={}-> \n;x0123456789\x00\x80\xff'
        for i in range(400):
            data = bytearray(valid)
            changes = []
            for _ in range(rng.randint(1, 3)):
                pos = rng.randrange(len(data))
                kind = rng.randrange(3)
                if kind == 0:
                    b = rng.choice(interesting) if rng.random() < 0.7 else rng.randrange(256)
                    changes.append("byte %d := 0x%02x" % (pos, b))
                    data[pos] = b
                elif kind == 1:
                    changes.append("delete byte %d" % pos)
                    del data[pos]
                else:
                    b = rng.choice(interesting)
                    changes.append("insert 0x%02x at %d" % (b, pos))
                    data.insert(pos, b)
            yield "mutation %d (%s)" % (i, ", ".join(changes)), bytes(data)
    else:
        sys.exit("unknown mode " + mode)

located = re.compile(rb"^" + re.escape(work_dir.encode()) + rb"/input-[0-9]+\.sir:[0-9]+:[0-9]+: error: ")

def check(job):
    """Runs one variant; returns a failure message or None."""
    index, what, data = job
    path = os.path.join(work_dir, "input-%d.sir" % index)
    with open(path, "wb") as f:
        f.write(data)
    try:
        r = subprocess.run([jitson_opt, path], stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, timeout=60)
    except subprocess.TimeoutExpired:
        return "FAIL: %s (kept as %s): jitson-opt timed out" % (what, path)
    if r.returncode == 0 or (r.returncode == 1 and located.match(r.stderr)):
        os.remove(path)
        return None
    return "FAIL: %s (kept as %s): exit status %d, stderr: %r" % (
        what, path, r.returncode, r.stderr[:300])

jobs = [(i, what, data) for i, (what, data) in enumerate(variants())]
count = len(jobs)
with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
    messages = [m for m in pool.map(check, jobs) if m]
for m in messages:
    print(m)
failures = len(messages)
print("%d variants, %d failures" % (count, failures))
sys.exit(1 if failures else 0)
