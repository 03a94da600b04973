"""Errors a user can cause, each with a message fit for one terminal line."""


class HeartlineError(Exception):
    """Base for errors that the CLI reports as one line and a non-zero exit."""


class InputError(HeartlineError):
    """The input cannot be read as a story (empty, binary, undecodable, missing)."""


class GoldError(HeartlineError):
    """A gold file is missing, malformed or points at a text that is not there."""


class PipelineError(HeartlineError):
    """Stages were put together so that one needs what none before it produces."""
