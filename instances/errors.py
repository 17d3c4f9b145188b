"""The one error type raised for malformed or invalid input of any kind."""
from __future__ import annotations


class InstanceError(ValueError):
    """Malformed input: names the file (if any), the line (if known) and the problem.

    ``str(err)`` is a single line ``FILE:LINE: problem`` (parts omitted when unknown), so the CLI
    can print it as is.
    """

    def __init__(self, problem: str, path: str | None = None, line: int | None = None):
        self.problem = " ".join(str(problem).split())  # always one line
        self.path = path
        self.line = line
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:" + (f"{self.line}:" if self.line is not None else "") + " "
        elif self.line is not None:
            where = f"line {self.line}: "
        return where + self.problem

    def at(self, path: str | None = None, line: int | None = None) -> "InstanceError":
        """Return a copy located at ``path``/``line`` (keeps what is already known)."""
        return InstanceError(self.problem, self.path or path, self.line if self.line is not None else line)
