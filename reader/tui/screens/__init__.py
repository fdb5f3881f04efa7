"""Screens: library, reader, and the dialogs they open."""
