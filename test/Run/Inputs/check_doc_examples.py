"""Checks the "One example per op" section of docs/IR.md against the tests and
the tool, so that the documentation cannot drift:

- each example's program is exactly the test file it names (test/Run/*.sir)
  without its comment lines;
- running that file on the example's value with jitson-opt writes exactly the
  output the example shows;
- together the examples use every op of the IR.

An example whose ops cannot run through `jitson-opt --run` (their types have no
JSON form for it: sequences and hooks call per-type C++ helpers) has a program
block and no console block; its program must be the whole of the test/IR or
test/CodeGen file it links to (less comments), and that file must parse,
verify and lower (`jitson-opt --emit=llvm`).

usage: check_doc_examples.py SOURCE_ROOT JITSON_OPT
"""
import os
import re
import subprocess
import sys

ALL_OPS = ["text", "bool", "i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64",
           "f32", "f64", "str", "vec.begin", "vec.end", "arr.begin", "arr.end",
           "opt.begin", "opt.else", "opt.end", "call", "omit.null",
           "char", "cstr", "raw", "bytes", "time", "enum", "enum.key", "hook",
           "seq.begin", "seq.sorted", "seq.end", "ptr.begin", "ptr.else", "ptr.end",
           "var.begin", "var.case", "var.end", "obj.begin", "obj.end",
           "omit.begin", "omit.end", "nl"]
LINKED = re.compile(r"\(\.\./(test/(?:IR|CodeGen)/[A-Za-z0-9_.-]+\.sir)\)")
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
not_run = 0


def program_of(test_file):
    with open(os.path.join(root, test_file), encoding="utf-8") as f:
        lines = [l for l in f.read().split("\n") if not l.startswith(";")]
    return "\n".join(lines).strip("\n")


def note_ops(program):
    for line in program.split("\n"):
        words = line.split()
        if words and line.startswith("  ") and not line.startswith("  \""):
            used_ops.add(words[0])

for sub in re.split(r"\n### ", section)[1:]:
    title = sub.splitlines()[0]
    blocks = re.findall(r"\n```([a-z]*)\n(.*?)\n```", sub, re.S)
    programs = [body for lang, body in blocks if lang == ""]
    consoles = [body for lang, body in blocks if lang == "console"]
    if len(programs) == 1 and not consoles:
        m = LINKED.search(sub)
        if not m:
            failures.append("%s: an example without a console block must link to its "
                            "test/IR or test/CodeGen file" % title)
            continue
        test_file = m.group(1)
        examples += 1
        not_run += 1
        if program_of(test_file) != programs[0]:
            failures.append("%s: the program differs from %s (without its comments)"
                            % (title, test_file))
        note_ops(programs[0])
        r = subprocess.run([jitson_opt, os.path.join(root, test_file), "--emit=llvm",
                            "-o", os.devnull], capture_output=True)
        if r.returncode != 0:
            failures.append("%s: %s does not lower (exit status %d, stderr %r)"
                            % (title, test_file, r.returncode,
                               r.stderr.decode("utf-8", "replace")))
        continue
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

    if program_of(test_file) != program:
        failures.append("%s: the program differs from %s (without its comments)"
                        % (title, test_file))
    note_ops(program)

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
print("%d examples (%d not run), %d failures" % (examples, not_run, len(failures)))
sys.exit(1 if failures else 0)
