#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Replay the operation-parser fuzz corpus.
exec "${top_builddir:?}/tests/fuzz/fuzz_op_json" "${top_srcdir:?}"/tests/fuzz/corpus/op_json/*
