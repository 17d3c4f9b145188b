"""The one error type raised for malformed or invalid input of any kind.

Every reader, writer, constructor and generator of ``instances`` (and the engines and reductions built
on them) reports bad input as an ``InstanceError``, a ``ValueError`` whose message is one line
``FILE:LINE: problem``. The command line prints it as is and exits with status 2.

>>> err = InstanceError("edge 3 (1, 1): self-loop", "g.json")
>>> str(err)
'g.json: edge 3 (1, 1): self-loop'
>>> str(err.at(line=7))  # the path was known already: only the line is added
'g.json:7: edge 3 (1, 1): self-loop'
"""
from __future__ import annotations

__all__ = ["InstanceError", "MAX_PROBLEM"]

MAX_PROBLEM = 300
"""The most characters of a problem description (longer ones are cut, with their length)."""


class InstanceError(ValueError):
    """Malformed or invalid input: names the file (if any), the line (if known) and the problem.

    ``str(err)`` is a single line: ``FILE:LINE: problem`` when both are known, ``FILE: problem`` without
    a line, ``line LINE: problem`` without a file, and just ``problem`` otherwise, so the command line
    can print it as is. Whitespace runs in the problem (newlines included) collapse to one space, and a
    problem longer than ``MAX_PROBLEM`` characters (e.g. echoing a 20 MB line) is cut, saying so.

    Parameters
    ----------
    problem : str
        What is wrong (any object: it is converted with ``str``).
    path : str, optional
        The file the input came from.
    line : int, optional
        The 1-based line of ``path`` (or of the text) where the problem was found.

    Attributes
    ----------
    problem : str
        The problem on one line.
    path : str or None
        The file, if known.
    line : int or None
        The line, if known.

    Examples
    --------
    >>> str(InstanceError("bad\\n  weight", line=3))
    'line 3: bad weight'
    >>> isinstance(InstanceError("x"), ValueError)
    True
    >>> len(InstanceError("header must be 'n m', got " + "x" * 10**6).problem) < 400
    True
    """

    def __init__(self, problem: str, path: str | None = None, line: int | None = None):
        text = str(problem)
        self.problem = " ".join(text[: 4 * MAX_PROBLEM].split())  # always one line
        if len(self.problem) > MAX_PROBLEM or len(text) > 4 * MAX_PROBLEM:
            self.problem = f"{self.problem[:MAX_PROBLEM - 40]}... [{len(text)} characters]"
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
        """The same error located at ``path`` and ``line``, keeping what is already known.

        Readers use it to add the file name to an error raised deeper down, where only the text was
        known: ``raise err.at(path) from None``.

        Parameters
        ----------
        path : str, optional
            The file, used only if the error names none.
        line : int, optional
            The line, used only if the error names none.

        Returns
        -------
        InstanceError
            A new error; ``self`` is unchanged.

        Examples
        --------
        >>> str(InstanceError("bad", line=2).at("f.txt", 9))
        'f.txt:2: bad'
        """
        return InstanceError(self.problem, self.path or path, self.line if self.line is not None else line)
