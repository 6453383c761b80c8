"""The Contraseñas section: rotation list, generator, rotation and incident dialogs."""
