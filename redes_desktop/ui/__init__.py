"""All Qt code lives under this package."""
