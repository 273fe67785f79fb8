"""The `report` command's HTML page: queries in `sql/`, rendered into one self-contained file."""
