"""Trained models that ship with heartline (see each file's card)."""
