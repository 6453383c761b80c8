"""The Consultas CNCS section (criterion 6.viii)."""
