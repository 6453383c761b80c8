"""Data files of redes-desktop, installed as the package `redes_desktop.resources`.

No code lives here: `redes_desktop/resource_files.py` lists and finds these files.
"""
