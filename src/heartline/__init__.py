"""heartline: who feels what for whom in a story, how we know, and how it changes."""

__version__ = "0.1.0"
