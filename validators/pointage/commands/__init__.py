"""The command-line subcommands (the parser is in pointage.cli)."""
