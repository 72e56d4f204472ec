"""Checks the "One example per op" section of docs/IR.md against the tests and
the tool, so that the documentation cannot drift:

- each example's program is exactly the test file it names (test/Run/*.sir)
  without its comment lines;
- running that file on the example's value with jitson-opt writes exactly the
  output the example shows;
- together the examples use every op of the IR.

usage: check_doc_examples.py SOURCE_ROOT JITSON_OPT
"""
import os
import re
import subprocess
import sys

ALL_OPS = ["text", "bool", "i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64",
           "f32", "f64", "str", "vec.begin", "vec.end", "arr.begin", "arr.end",
           "opt.begin", "opt.else", "opt.end", "call"]
COMMAND = re.compile(r"^\$ echo '([^']*)' \| jitson-opt (test/Run/[A-Za-z0-9_.-]+\.sir) --run=-$")

root, jitson_opt = sys.argv[1:3]
with open(os.path.join(root, "docs", "IR.md"), encoding="utf-8") as f:
    doc = f.read()

start = doc.find("\n## One example per op\n")
if start < 0:
    sys.exit('docs/IR.md has no "## One example per op" section')
end = doc.find("\n## ", start + 1)
section = doc[start:] if end < 0 else doc[start:end]

failures = []
used_ops = set()
examples = 0
for sub in re.split(r"\n### ", section)[1:]:
    title = sub.splitlines()[0]
    blocks = re.findall(r"\n```([a-z]*)\n(.*?)\n```", sub, re.S)
    programs = [body for lang, body in blocks if lang == ""]
    consoles = [body for lang, body in blocks if lang == "console"]
    if len(programs) != 1 or len(consoles) != 1:
        failures.append("%s: expected one program block and one console block" % title)
        continue
    program, console = programs[0], consoles[0].split("\n")
    m = COMMAND.match(console[0]) if len(console) == 2 else None
    if not m:
        failures.append("%s: the console block must be \"$ echo 'VALUE' | jitson-opt "
                        "test/Run/FILE.sir --run=-\" and one line of output" % title)
        continue
    value, test_file, expected = m.group(1), m.group(2), console[1]
    examples += 1

    with open(os.path.join(root, test_file), encoding="utf-8") as f:
        lines = [l for l in f.read().split("\n") if not l.startswith(";")]
    test_program = "\n".join(lines).strip("\n")
    if test_program != program:
        failures.append("%s: the program differs from %s (without its comments)"
                        % (title, test_file))
    for line in program.split("\n"):
        words = line.split()
        if words and line.startswith("  ") and not line.startswith("  \""):
            used_ops.add(words[0])

    r = subprocess.run([jitson_opt, os.path.join(root, test_file), "--run=-"],
                       input=(value + "\n").encode(), capture_output=True)
    actual = r.stdout.decode("utf-8", "replace")
    if r.returncode != 0 or actual != expected + "\n":
        failures.append("%s: %s on %s wrote %r (exit status %d, stderr %r), the doc says %r"
                        % (title, test_file, value, actual, r.returncode,
                           r.stderr.decode("utf-8", "replace"), expected))

missing = [op for op in ALL_OPS if op not in used_ops]
if missing:
    failures.append("no example uses: " + ", ".join(missing))
for failure in failures:
    print("FAIL: " + failure)
print("%d examples, %d failures" % (examples, len(failures)))
sys.exit(1 if failures else 0)
