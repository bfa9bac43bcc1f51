# src/sync: see the comment at the top of Makefile.am
