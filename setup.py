"""The package list for setuptools (the rest of the configuration is in pyproject.toml).

The code is found under redes_desktop/; the data files stay in the top-level resources/ folder
of the repository and are installed inside the package as `redes_desktop.resources`, which
pyproject.toml's `packages.find` cannot express together with that folder mapping. Folders
without `__init__.py` (migrations/versions, the data folders) are listed as namespace packages so
that setuptools ships their files without warnings.
"""

from setuptools import find_namespace_packages, setup

NOT_CODE = ["__pycache__", "*.__pycache__"]
code = find_namespace_packages(include=["redes_desktop", "redes_desktop.*"], exclude=NOT_CODE)
data = [f"redes_desktop.resources.{name}"
        for name in find_namespace_packages(where="resources", exclude=NOT_CODE)]

setup(
    packages=[*code, "redes_desktop.resources", *data],
    package_dir={"redes_desktop.resources": "resources"},
)
