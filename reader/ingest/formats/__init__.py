"""One reader per format, each returning `reader.ingest.model.Extracted`.

`pdf` (pypdfium2: characters with positions and font sizes), `docx`
(python-docx), `html` (trafilatura for the main content, with our own
linear tokenizer as the fallback), `markdown` (plain Markdown and the
`texts/` format). Plain text needs no reader of its own: `reader.ingest.read`
decodes it into pages.
"""
