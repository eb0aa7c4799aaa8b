"""Which project a file belongs to: the configured rule folders of the workspace, or itself.

By default each workspace folder's ``rules/`` folder, when it has one, is
one project (what ``mechgraph check rules/`` checks), and a folder without
one is a project itself.  The ``paths`` initialization option (relative to the
workspace folder) names other roots.  A file outside every project is
checked alone, with the files it includes, as ``mechgraph check FILE`` does.

>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> (folder / "rules").mkdir()
>>> projects = Projects([str(folder)])
>>> projects.project_of(str(folder / "rules" / "a.mg")).roots == [str(folder / "rules")]
True
>>> projects.project_of(str(folder / "notes.mg")).roots == [str(folder / "notes.mg")]
True
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence

from mechgraph.lsp.project import Project, normal_path

__all__ = ["Projects", "DEFAULT_RULES"]

#: The folder of a workspace checked as one project when no ``paths`` are configured.
DEFAULT_RULES = "rules"


class Projects:
    """The projects of a workspace, found from its folders and the ``paths`` option."""

    def __init__(self, folders: Sequence[str], paths: Sequence[str] | None = None) -> None:
        self.projects: list[Project] = []
        for folder in map(normal_path, folders):
            if paths:
                roots = [os.path.join(folder, p) for p in paths]
            elif os.path.isdir(os.path.join(folder, DEFAULT_RULES)):
                roots = [os.path.join(folder, DEFAULT_RULES)]
            else:
                roots = [folder]
            self.projects.append(Project(roots))

    def project_of(self, path: str) -> Project:
        """The project checking ``path`` (a new one-file project when none covers it)."""
        path = normal_path(path)
        found = next((p for p in self.projects if p.covers(path)), None)
        if found is None:
            found = Project([path])
            self.projects.append(found)
        return found

    def __iter__(self) -> Iterator[Project]:
        return iter(self.projects)
