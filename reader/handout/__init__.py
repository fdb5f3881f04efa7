"""Classroom handouts: a document's paragraphs side by side, its glossary, and exercises.

`build.build_handout` gathers a `model.Handout` from the library (the only
module here that talks to `ReadingService`); `render.render` turns it into the
bytes of an HTML, PDF, DOCX or Markdown file. The renderers are pure and know
nothing of the library, so each can be tested on a hand-made `Handout`.
`write.write_handout` builds, renders and writes a file in one step: the
`dwibahasa handout` click command (`command.handout`) and the reader's
handout dialog (`reader.tui.screens.handout`) both call it.

Import from the modules (`reader.handout.build`, `.render`, `.command`):
this file imports nothing, because the CLI loads the package at start-up,
and Babel, python-docx and WeasyPrint are loaded only by the code that
needs them.
"""
