"""The `mensenwerk` subcommands that run without Django or a database (fairness, screen, ask,
roi, taxonomy): plain Python over the engines, started by ``mensenwerk.cli``."""
