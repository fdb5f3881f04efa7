"""Dwibahasa: read Indonesian scholarly texts beside their English."""

__version__ = "0.1.0"
