"""Benchmark helpers: synthetic inputs sized and shaped like real scraped folders."""
