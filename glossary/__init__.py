"""The defence-diplomacy term base, matcher and exports.

It never imports `reader`: it works on `(paragraph_id, text)` pairs.
"""
