"""Benchmarks and synthetic corpora for diplograph."""
