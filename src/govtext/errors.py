"""The exceptions govtext raises; each message says how to fix the problem."""


class GovtextError(Exception):
    """Base class of every error govtext raises on purpose."""


class LexiconError(GovtextError):
    """A lexicon file is missing, malformed or has a duplicate entry (message names file:line)."""


class ReadError(GovtextError):
    """A file could not be read or decoded as text."""


class MissingExtraError(GovtextError, ImportError):
    """An optional dependency is not installed; the message names the extra to install."""
