"""What the rules read (plain curriculum data, no database) and what they report."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

SEVERITIES = ("error", "warning", "info")
KIND_LABELS = {"statement": "Competency statement", "outcome": "Learning outcome",
               "instructor_activity": "Instructor-directed activity",
               "individual_activity": "Individual-directed activity"}


@dataclass(frozen=True)
class ItemData:
    id: int | None
    kind: str
    position: int  # 1-based among the competency's items of its kind
    text: str
    title: str | None = None

    @property
    def label(self) -> str:
        kind = KIND_LABELS.get(self.kind, self.kind)
        return kind if self.kind == "statement" else f"{kind} {self.position}"


@dataclass(frozen=True)
class CompetencyData:
    id: int | None
    title: str
    code_values: tuple[str, ...]
    items: tuple[ItemData, ...]

    def of_kind(self, kind: str) -> list[ItemData]:
        return [i for i in self.items if i.kind == kind]


@dataclass(frozen=True)
class StageData:
    stage: str  # "stage-1"
    title: str
    order: int  # framework order, for progression
    competencies: tuple[CompetencyData, ...]


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    stage: str
    competency: str | None  # None: about the whole stage
    item_kind: str | None
    item_position: int | None
    text: str
    message: str
    suggestion: str
    item_id: int | None = None
    competency_id: int | None = None
    related: tuple[str, ...] = field(default=())  # the other places, for duplicates

    def as_json(self) -> dict:
        data = asdict(self)
        item = ({"kind": self.item_kind, "position": self.item_position}
                if self.item_kind else None)
        return {"rule": self.rule, "severity": self.severity, "stage": self.stage,
                "competency": self.competency, "item": item, "text": self.text,
                "message": self.message, "suggestion": self.suggestion,
                "related": list(data["related"])}

    def line(self) -> str:
        where = " › ".join(p for p in (self.stage, self.competency, self.place) if p)
        return f"{self.severity.upper()} {self.rule} [{where}] {self.message} {self.suggestion}"

    @property
    def place(self) -> str | None:
        if self.item_kind is None:
            return None
        return ItemData(None, self.item_kind, self.item_position or 0, "").label


def finding(rule: str, severity: str, stage: StageData, competency: CompetencyData | None,
            item: ItemData | None, message: str, suggestion: str, text: str | None = None,
            related: tuple[str, ...] = ()) -> Finding:
    """A finding at one place: an item, a competency (item None) or a stage (both None)."""
    return Finding(rule, severity, stage.stage, competency.title if competency else None,
                   item.kind if item else None, item.position if item else None,
                   text if text is not None else (item.text if item else ""), message,
                   suggestion, item.id if item else None,
                   competency.id if competency else None, related)


def stage_data(curriculum) -> StageData:
    """The rules' view of a loaded Curriculum: its current competencies and items."""
    competencies = []
    for comp in curriculum.competencies():
        items = []
        for kind in KIND_LABELS:
            items += [ItemData(i.id, kind, n, i.text, i.title)
                      for n, i in enumerate(comp.live_items(kind), start=1)]
        competencies.append(CompetencyData(comp.id, comp.title, tuple(comp.code_values or ()),
                                           tuple(items)))
    return StageData(curriculum.stage, curriculum.title, curriculum.stage_order,
                     tuple(competencies))
