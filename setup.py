"""Only the package list, which pyproject.toml cannot compute: the repository's code folders (and their
template folders) are found by setuptools, under the one import name `policywatch`."""
from setuptools import find_namespace_packages, setup

CODE = ("text", "snapshots", "diffing", "monitor")  # tests/, bench/, docs/ and seeds/ are not part of the package
FOUND = find_namespace_packages(include=[f"{name}*" for name in CODE], exclude=["*__pycache__*"])

setup(packages=["policywatch", *(f"policywatch.{name}" for name in FOUND)])
