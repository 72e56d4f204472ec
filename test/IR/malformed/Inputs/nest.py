"""Writes deeply nested serializer IR to standard output.

usage: nest.py MODE DEPTH
  unclosed    DEPTH opt.begin scopes nested through opt.else, never closed
  balanced    the same, closed: a valid program
  stray-ends  DEPTH vec.end with no vec.begin
  payload     DEPTH opt.begin nested directly (each inside the previous payload)
"""
import sys

mode, depth = sys.argv[1], int(sys.argv[2])
out = sys.stdout
out.write('type "int" = int 32 signed\n'
          'type "O" = optional size 8 align 4 payload 0 flag 4 of "int"\n'
          'type "S" = struct size 8 align 4 { "o" @0 : "O" }\n'
          'func @0 : "S" {\n')
if mode in ("unclosed", "balanced"):
    # Lines 5, 8, 11, ...: opt.begin; its body; opt.else.
    for d in range(depth):
        pad = "  " * (d + 1) if mode == "balanced" and depth <= 1000 else " "
        out.write(pad + 'opt.begin @0 : "O"\n' + pad + ' i32 @0 : "int"\n' + pad + "opt.else\n")
    out.write(" text \"null\"\n")
    if mode == "balanced":
        out.write(" opt.end\n" * depth)
elif mode == "stray-ends":
    out.write(" vec.end\n" * depth)
elif mode == "payload":
    out.write(' opt.begin @0 : "O"\n' * depth)
    out.write(" opt.end\n" * depth)
else:
    sys.exit("unknown mode " + mode)
out.write("}\n")
