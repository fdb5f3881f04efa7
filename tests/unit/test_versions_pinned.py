"""Fresh installs: pins, the lock, and the releases our borrowed messages match."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from reader.i18n_borrowed import BORROWED_FROM

REPO = Path(__file__).resolve().parents[2]


def _requirements() -> list[Requirement]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    listed = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        listed.extend(extra)
    return [Requirement(text) for text in listed]


def _exact_pins() -> dict[str, str]:
    pins: dict[str, str] = {}
    for requirement in _requirements():
        for spec in requirement.specifier:
            if spec.operator == "==":
                pins[_normal(requirement.name)] = spec.version
    return pins


def _locked() -> dict[str, str]:
    locked: dict[str, str] = {}
    for line in (REPO / "constraints.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, pinned = line.partition("==")
            locked[_normal(name)] = pinned
    return locked


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@pytest.mark.parametrize("library", sorted(BORROWED_FROM))
def test_installed_release_is_the_one_our_borrowed_messages_were_checked_against(
    library: str,
) -> None:
    installed = version(library)
    assert installed == BORROWED_FROM[library], (
        f"{library} {installed} is installed, but reader/i18n_borrowed.py lists {library}'s "
        f"messages as of {BORROWED_FROM[library]}. Check them against {installed} "
        f"(tests/test_i18n.py and tests/test_i18n_tui.py say what changed), update the lists "
        f"and the catalogs (docs/translating.md), then set BORROWED_FROM['{library}'] and the "
        f"pin in pyproject.toml to {installed} and run .ci/lock."
    )


@pytest.mark.parametrize("library", sorted(BORROWED_FROM))
def test_borrowed_release_is_the_one_pyproject_pins(library: str) -> None:
    assert _exact_pins().get(library) == BORROWED_FROM[library]


def test_libraries_whose_behaviour_tests_compare_are_pinned_exactly() -> None:
    assert {"textual", "click", "babel"} <= set(_exact_pins())


def test_lock_holds_every_requirement_at_a_version_the_project_accepts() -> None:
    locked = _locked()
    for requirement in _requirements():
        name = _normal(requirement.name)
        assert name in locked, f"{name} is not in constraints.txt: run .ci/lock"
        assert requirement.specifier.contains(locked[name], prereleases=True), (
            f"constraints.txt has {name}=={locked[name]}, pyproject.toml asks {requirement}: "
            "run .ci/lock"
        )


def test_lock_is_what_is_installed() -> None:
    """The test environment was installed through the lock (README's test command)."""
    for name in ("textual", "click", "babel", "rich", "pytest"):
        assert version(name).split("+")[0] == _locked()[name], name


def test_lock_pins_versions_only_not_this_project_or_paths() -> None:
    """A path in the lock (pip freeze of a local install) breaks every other clone."""
    lines = [
        line
        for line in (REPO / "constraints.txt").read_text().splitlines()
        if line and not line.startswith("#")
    ]
    assert all(re.fullmatch(r"[A-Za-z0-9._-]+==[A-Za-z0-9.]+", line) for line in lines), [
        line for line in lines if not re.fullmatch(r"[A-Za-z0-9._-]+==[A-Za-z0-9.]+", line)
    ]
    assert not any(_normal(line.partition("==")[0]) == "dwibahasa" for line in lines)
