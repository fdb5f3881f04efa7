"""Importing real-world documents: read → decode → clean → segment.

Each stage is its own module with no Textual and no database:
`read` (formats), `decode` (bytes → text), `clean` (PDF-extraction damage),
`segment` (paragraphs, headings, captions, references), `sentences`
(an Indonesian sentence splitter, shared with machine translation),
`language` (is this paragraph English?), and `pipeline`, which runs them.
"""
