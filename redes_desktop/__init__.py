"""redes-desktop: editorial client for the INE's institutional social-media accounts."""

__version__ = "0.1.0"
