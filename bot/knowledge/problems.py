"""Problems found in the content, worded for editors (plain Norwegian)."""

from dataclasses import dataclass, field
from enum import Enum
from typing import List, Tuple


class Severity(str, Enum):
    ERROR = "feil"
    WARNING = "advarsel"


@dataclass(frozen=True)
class Problem:
    severity: Severity
    file: str
    where: str
    message: str

    def __str__(self) -> str:
        place = f"{self.file}, {self.where}" if self.where else self.file
        return f"{place}: {self.message}"


@dataclass
class Report:
    problems: List[Problem] = field(default_factory=list)

    @property
    def errors(self) -> List[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> List[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_text(self) -> str:
        lines = [f"FEIL: {p}" for p in self.errors]
        lines += [f"ADVARSEL: {p}" for p in self.warnings]
        lines.append(f"{len(self.errors)} feil, {len(self.warnings)} advarsler.")
        return "\n".join(lines)


@dataclass(frozen=True)
class Context:
    """Where in the content we are, so every problem can say file and location."""

    report: Report
    file: str
    path: Tuple[str, ...] = ()

    def at(self, *parts: str) -> "Context":
        return Context(self.report, self.file, self.path + tuple(parts))

    @property
    def where(self) -> str:
        return ", ".join(self.path)

    def error(self, message: str) -> None:
        self.report.problems.append(Problem(Severity.ERROR, self.file, self.where, message))

    def warn(self, message: str) -> None:
        self.report.problems.append(Problem(Severity.WARNING, self.file, self.where, message))
