# tests/bench: see the comment at the top of Makefile.am
