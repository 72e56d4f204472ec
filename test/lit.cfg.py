# -*- Python -*-
# lit configuration of jitson's serializer-IR tests: test/IR (parse, print,
# verify, passes), test/CodeGen (LLVM IR and assembly) and test/Run (JIT runs).
# Loaded through the generated lit.site.cfg.py in the build's test/ directory.

import os

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "jitson"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".sir", ".test"]

config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.jitson_obj_root, "test")

# Not lit tests: the CTest-driven compile-fail and package tests, and inputs
# that RUN lines of other files read.
config.excludes = ["CMakeLists.txt", "compile-fail", "package", "Inputs",
                   "lit.cfg.py", "lit.site.cfg.py.in"]

# `not` at the start of a RUN line is looked up on PATH; jitson-opt and
# FileCheck are substituted with full paths (a missing one is fatal).
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.with_environment("PATH", config.jitson_tools_dir, append_path=True)
llvm_config.use_default_substitutions()
llvm_config.add_tool_substitutions(
    [ToolSubst("jitson-opt", unresolved="fatal")], [config.jitson_tools_dir])
llvm_config.add_tool_substitutions(
    [ToolSubst("split-file", unresolved="fatal")], [config.llvm_tools_dir])

# The checkout, for tests that read files outside test/ (docs/IR.md).
config.substitutions.append(("%jitson_src_root", config.jitson_src_root))

# Error messages name files as given; keep them stable.
config.environment["LC_ALL"] = "C"
