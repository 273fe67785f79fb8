"""The command line: every argparse definition and exit status (`exit_codes.py`)."""
