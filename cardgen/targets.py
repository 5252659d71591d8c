"""Each week's target for one exercise, worked out from where it starts and how it moves up.

Pure computation: a :class:`Course` (the dose, the load, the progression, the wave, the deload
weeks and how loads are written) gives a :class:`Target` per week. What a deload means: the week
repeats the week before it with ``Deload.sets`` sets (one fewer by default, never under one) and
``Deload.load`` percent of its load (60 %); a linear progression pauses on it and resumes after.
A wave repeats from its start; when its length doesn't divide the plan, the last round is cut short.

Every phrase these print is in ``WORDS``, so it can be translated in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from cardgen.dose import Dose
from cardgen.loads import KG_IN_LB, Units, round_to
from cardgen.progression import Deload, Load, Progress, WaveWeek

WORDS = {
    "deload": "Deload",
    "reps": "reps",
    "rep": "rep",
    "sets": "sets",
    "set": "set",
    "seconds": "s",
    "percent": "%",
    "every week": "a week",
    "every n weeks": "every {n} weeks",
    "linear": "{sign}{step} {unit} {when}",
    "double": "All sets at {high} reps? Next time add {step} {unit} and go back to {low}.",
    "wave": "Wave: {weeks}, of your training max",
    "wave of max": "Wave: {weeks}, of a {max} max",
    "summary": "wk {first}–{last}: {start}→{end} {unit}",
    "summary wave": "wk {first}–{last}: {weeks} wave",
    "summary double": "{low}–{high} reps, then +{step} {unit}",
    "summary deload": "deload wk {weeks}",
    "deload change": "{load}% load",
    "per side": "a side: {plates}",
    "tempo": "tempo {tempo}",
    "rest": "rest {rest}",
}


class CourseProblem(ValueError):
    """A progression that cannot be worked out over the plan; ``field`` names the key at fault."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Target:
    """One week of one exercise: how many sets of what amount, at what load; a deload or not."""

    week: int
    sets: int | None
    low: int | None
    high: int | None = None
    unit: str = "reps"  # reps, hold or time, as in Dose
    each_side: bool = False
    load: float | None = None  # in the roster's units, rounded
    percent: float | None = None  # of the training max, when the load is one
    units: Units = field(default_factory=Units)
    deload: bool = False
    note: str | None = None  # what a deload changes when the load is the runner's own (double progression)
    words: dict = field(default_factory=lambda: WORDS, compare=False, repr=False)  # WORDS, in the reader's language

    @property
    def amount_text(self) -> str:
        """``13``, ``10–15``, ``40 s``."""
        if self.low is None:
            return ""
        text = f"{self.low}–{self.high}" if self.high else f"{self.low}"
        return text if self.unit == "reps" else f"{text} {self.words['seconds']}"

    @property
    def load_text(self) -> str:
        """``22.5 kg``, ``60 kg / 132 lb``, ``75%`` (no max known), or nothing."""
        return " / ".join(filter(None, [self.main_load_text, self.other_load_text]))

    @property
    def main_load_text(self) -> str:
        """The load in the roster's units: ``60 kg``, or ``75%`` when no training max is known."""
        if self.load is None:
            return f"{self.percent:g}%" if self.percent is not None else ""
        return f"{self.load:g} {self.units.unit}"

    @property
    def other_load(self) -> float | None:
        """With ``units: kg+lb``, the load in the other unit, to the pound or the half kilo."""
        return self.units.in_other_unit(self.load) if self.load is not None else None

    @property
    def other_load_text(self) -> str | None:
        """``132 lb``."""
        return f"{self.other_load:g} {self.units.also}" if self.other_load is not None else None

    @property
    def text(self) -> str:
        """The week's target as the log prints it: ``13``, ``12 × 22.5 kg``, ``40 s``."""
        return " · ".join(filter(None, [" × ".join(filter(None, [self.amount_text, self.load_text])), self.note]))

    @property
    def plates(self) -> list[float]:
        """Plates on each side of the bar for this load, heaviest first (none without a bar)."""
        return self.units.plates_a_side(self.load) if self.load is not None else []

    @property
    def plates_text(self) -> str | None:
        return self.words["per side"].format(plates=" + ".join(f"{p:g}" for p in self.plates)) if self.plates else None


@dataclass(frozen=True)
class Course:
    """An exercise over the weeks: its dose and load in week 1, how it moves up, its deload weeks."""

    dose: Dose | None
    load: Load | None = None
    max: float | None = None  # the training max, in units.unit
    progress: Progress | None = None
    wave: tuple[WaveWeek, ...] = ()
    deload: Deload | None = None
    units: Units = field(default_factory=Units)
    words: dict = field(default_factory=lambda: WORDS, compare=False, repr=False)  # WORDS, in the reader's language

    def __post_init__(self) -> None:
        self.check()

    def check(self) -> None:
        """Problems that do not depend on the plan's length: units that don't match the dose, contradicting fields."""
        p, dose = self.progress, self.dose
        if p and p.kind == "linear" and p.what in ("reps", "seconds"):
            wanted = "reps" if p.what == "reps" else ("hold", "time")
            if dose is None or dose.unit not in wanted:
                has = "no dose" if dose is None else ("reps" if dose.unit == "reps" else "seconds")
                raise CourseProblem("progress", f"'{p.what}' steps need a dose in {p.what}, and this one has {has}")
        if p and p.what == "sets" and (dose is None or not dose.sets):
            raise CourseProblem("progress", "set steps need a dose with sets, like 12x3")
        if p and p.kind == "double" and (dose is None or dose.unit != "reps"):
            raise CourseProblem("progress", "a double progression needs a dose in reps")
        if self.wave and p and p.moves_load:
            raise CourseProblem(
                "weeks", "a wave sets the load week by week, so it cannot go with a progress that moves the load too"
            )
        if self.wave and self.load is not None:
            raise CourseProblem("weeks", "a wave sets the load week by week: drop load, or the wave")
        if p and p.what == "percent" and not (self.load and self.load.percent):
            raise CourseProblem("progress", "a progression in % needs a load in % of the training max, like load: 75%")

    def targets(self, weeks: int) -> list[Target]:
        """The target of each week, 1 to ``weeks``."""
        deloads = self._deload_weeks(weeks)
        rule = self.deload or Deload(every=52)
        found: list[Target] = []
        trained = 0  # weeks trained before this one: a linear progression counts only these
        for week in range(1, weeks + 1):
            wave_week = self.wave[(week - 1) % len(self.wave)] if self.wave else None
            if week in deloads or (wave_week and wave_week.deload):
                before = found[-1] if found else self._week(1, 0, None)
                found.append(self._lighter(before, week, rule))
                continue
            target = self._week(week, trained // (self.progress.every if self.progress else 1), wave_week)
            trained += 1
            if (
                (target.low is not None and target.low < 1)
                or (target.sets is not None and target.sets < 1)
                or (target.load or 0) < 0
            ):
                raise CourseProblem("progress", f"'{self.progress}' goes below zero by week {week} of {weeks}")
            found.append(target)
        return found

    def _deload_weeks(self, weeks: int) -> set[int]:
        if not self.deload or self.wave:  # a wave has its own deload weeks
            return set()
        beyond = [week for week in self.deload.weeks if week > weeks]
        if beyond:
            raise CourseProblem(
                "deload",
                f"week {beyond[0]} is beyond the {weeks}-week plan: print more weeks (--weeks), or leave it out",
            )
        return set(self.deload.weeks_within(weeks))

    def _week(self, week: int, steps: int, wave_week: WaveWeek | None) -> Target:
        dose, p = self.dose, self.progress
        sets, low, high = (dose.sets, dose.low, dose.high) if dose else (None, None, None)
        load = self.load
        if wave_week:
            load = wave_week.load
        amount_unit = dose.unit if dose else "reps"
        move = p.step * steps if p and p.kind == "linear" else 0
        if p and p.kind == "double":
            low, high = p.low, p.high
            move = 0
        if p and p.what in ("reps", "seconds") and low is not None:
            low, high = int(low + move), (int(high + move) if high else None)
        if p and p.what == "sets" and sets:
            sets = int(sets + move)
        percent, absolute = (
            (load.amount if load and load.percent else None),
            (load.amount if load and not load.percent else None),
        )
        if p and p.what == "percent" and percent is not None:
            percent += move
        if p and p.what in ("kg", "lb") and p.kind == "linear":
            step = (
                move
                if p.what == self.units.unit
                else round_to(move / KG_IN_LB if p.what == "kg" else move * KG_IN_LB, self.units.step)
            )
            if percent is not None and self.max is None:
                return Target(
                    week,
                    sets,
                    low,
                    high,
                    amount_unit,
                    dose.each_side if dose else False,
                    None,
                    percent,
                    self.units,
                    note=f"+{step:g} {self.units.unit}" if step else None,
                    words=self.words,
                )
            absolute = (
                (absolute or 0) + step
                if percent is None or self.max is None
                else round_to(percent * self.max / 100, self.units.step) + step
            )
            percent = None
        if percent is not None and self.max is not None:
            absolute = round_to(percent * self.max / 100, self.units.step)  # what the plates can make
        if p and p.kind == "double" and week > 1:
            absolute = None  # from week 2 the load is whatever the runner has earned
        return Target(
            week,
            sets,
            low,
            high,
            amount_unit,
            dose.each_side if dose else False,
            round(absolute, 3) if absolute is not None else None,
            percent if self.max is None else None,
            self.units,
            words=self.words,
        )

    def _lighter(self, before: Target, week: int, rule: Deload) -> Target:
        sets = max(1, before.sets + rule.sets) if before.sets else None
        if before.load is not None:
            return replace(
                before,
                week=week,
                sets=sets,
                load=round_to(before.load * rule.load / 100, self.units.step),
                deload=True,
                note=None,
            )
        if before.percent is not None:
            return replace(
                before, week=week, sets=sets, percent=round(before.percent * rule.load / 100, 1), deload=True, note=None
            )
        note = (
            self.words["deload change"].format(load=f"{rule.load:g}")
            if self.progress and self.progress.kind == "double"
            else None
        )
        return replace(before, week=week, sets=sets, deload=True, note=note)

    @property
    def rule(self) -> str | None:
        """How to move up, printed under the exercise's name: ``+1 rep a week``, the double
        progression's rule, the wave."""
        p = self.progress
        if self.wave:
            weeks = ", ".join(
                self.words["deload"].lower()
                if w.deload
                else f"{w.load}"
                if w.load and w.load.percent
                else f"{w.load} {self.units.unit}"
                for w in self.wave
            )
            return (
                self.words["wave of max"].format(weeks=weeks, max=f"{self.max:g} {self.units.unit}")
                if self.max
                else self.words["wave"].format(weeks=weeks)
            )
        if not p:
            return None
        if p.kind == "double":
            return self.words["double"].format(high=p.high, low=p.low, step=f"{p.step:g}", unit=p.what)
        when = self.words["every week"] if p.every == 1 else self.words["every n weeks"].format(n=p.every)
        unit = (
            self.words[p.what.rstrip("s") if abs(p.step) == 1 and p.what in ("reps", "sets") else p.what]
            if p.what not in ("kg", "lb")
            else p.what
        )
        return (
            self.words["linear"]
            .format(sign="+" if p.step > 0 else "−", step=f"{abs(p.step):g}", unit=unit, when=when)
            .replace(" %", "%")
        )

    def summary(self, weeks: int) -> str | None:
        """The course in one line, for a card: ``wk 1–6: 12→16 reps, deload wk 4``."""
        p = self.progress
        if not p and not self.wave:
            return None
        targets = self.targets(weeks)
        deloads = [t.week for t in targets if t.deload]
        trained = [t for t in targets if not t.deload] or targets
        if self.wave or p is None:  # without a wave, there is a progression (see above)
            text = self.words["summary wave"].format(
                first=1,
                last=weeks,
                weeks="/".join(f"{w.load.amount:g}" for w in self.wave if w.load)
                + ("%" if any(w.load and w.load.percent for w in self.wave) else ""),
            )
        elif p.kind == "double":
            text = self.words["summary double"].format(low=p.low, high=p.high, step=f"{p.step:g}", unit=p.what)
        else:
            first, last = trained[0], trained[-1]
            pick = {
                "reps": lambda t: t.amount_text,
                "seconds": lambda t: t.amount_text,
                "sets": lambda t: f"{t.sets}",
            }.get(p.what, lambda t: f"{t.load:g}" if t.load is not None else t.load_text)
            unit = {"reps": self.words["reps"], "sets": self.words["sets"], "seconds": ""}.get(
                p.what, "" if first.load is None else self.units.unit
            )
            text = (
                self.words["summary"].format(first=1, last=weeks, start=pick(first), end=pick(last), unit=unit).rstrip()
            )
        if deloads:
            text += ", " + self.words["summary deload"].format(weeks=", ".join(map(str, deloads)))
        return text
