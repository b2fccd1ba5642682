"""The site's logic in plain Python: importable and testable without MkDocs.

``hooks/`` holds the thin MkDocs entry points that call into this package.
"""
