"""Benchmarks of Review Day: live fan-out against a bare Socket.IO floor, the live page at
size, and the national-scale data set (see benchmarks/README.md). Run with `make bench`."""
