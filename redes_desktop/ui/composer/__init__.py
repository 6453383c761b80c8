"""The Redactor section: the post editor with live checks, media, counters and drafts.

`composer_view.ComposerSection` is the entry point. Nothing is imported here, so walking the
package (e.g. the layering test) does not load Qt.
"""
