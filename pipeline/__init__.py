"""Turn a folder of scraped web pages into a clean, queryable corpus."""

__version__ = "0.3.0"
