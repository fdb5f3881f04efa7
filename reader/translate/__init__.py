"""English for every paragraph: engines, the argos worker process, model management.

Nothing here imports argostranslate in the calling process: the argos engine
runs it in a worker process (`reader.translate.worker`), so the reader stays
small and starts fast.
"""
