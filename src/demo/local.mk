# SPDX-License-Identifier: GPL-3.0-or-later
noinst_LIBRARIES += libfddemo.a
libfddemo_a_SOURCES = src/demo/demo.c src/demo/demo.h src/demo/names.c src/demo/names.h
