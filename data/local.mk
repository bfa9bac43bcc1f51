# data: see the comment at the top of Makefile.am
