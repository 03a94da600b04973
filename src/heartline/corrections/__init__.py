"""A person's corrections to heartline's reading: a plain YAML file beside the story,
applied inside every analysis (see ``file`` for the format, ``apply`` for the stages)."""
from __future__ import annotations

from .file import (
                   ACTIONS,
                   SUFFIX,
                   Correction,
                   Corrections,
                   append_correction,
                   corrections_bytes,
                   find_corrections,
                   load_corrections,
                   parse_item,
                   sidecar_path,
)

__all__ = ["ACTIONS", "SUFFIX", "Correction", "Corrections", "append_correction", "corrections_bytes",
           "find_corrections", "load_corrections", "parse_item", "sidecar_path"]
