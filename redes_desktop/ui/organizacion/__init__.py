"""The Organización section: areas, people and roles, managed by the CNCS reviewers."""
