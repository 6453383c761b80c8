"""Sync in the window: the background controller and the «Conflictos» dialog."""
