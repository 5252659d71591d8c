"""How a routine goes onto cards: which steps each card holds, at what type size.

A card face is laid out once, on a page as tall as its content, and measured. A face that fits
its trim is final; for one that doesn't, the measured heights of its steps pick the fewest cards
at the largest type that should hold them, with the steps balanced between the cards, and one
more layout confirms it. Nothing here lays anything out: ``documents`` does, with ``layout``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace

from cardgen.paper import CardSize
from cardgen.plan import RoutinePlan, Step

# Type steps a card may shrink through to fit, body size in points; the last is the readable floor.
TYPE_STEPS = (8.0, 7.25, 6.5)
# Large print (--large, or large: true for a runner): never below 9 pt; past that, more cards.
# As many steps as TYPE_STEPS, so the fitting below walks either the same way.
LARGE_TYPE_STEPS = (10.0, 9.5, 9.0)
# A QR code on a card's back is at most this wide, and never under MIN_QR_MM (plan.py).
BACK_QR_MM = (22.0, 15.0)
# Room a QR code on a back needs besides its own width: its caption below, the gaps around it (mm).
BACK_CAPTION_MM = 9.0
BACK_GAP_MM = 3.0
BACK_HEAD_MM = 15.0
# A QR code beside a step on a card's front is this wide (templates/card.html).
FRONT_QR_MM = 18.0
CSS_PX_PER_MM = 96 / 25.4


def type_steps(large: bool = False) -> tuple[float, ...]:
    """The type steps a card may shrink through: large print has its own, higher floor."""
    return LARGE_TYPE_STEPS if large else TYPE_STEPS


@dataclass(frozen=True)
class CardFace:
    """One physical card: a routine, or the part of it that fits (``part`` "1/2"), at a type step.
    Its back carries the videos of its own steps and the runner's notes."""

    plan: RoutinePlan
    part: str | None = None
    type_step: int = 0
    back_qr_mm: float = BACK_QR_MM[0]
    runner_slot: bool = False  # the runner's line left empty, for names printed into it

    @property
    def body_pt(self) -> float:
        return type_steps(self.plan.large)[self.type_step]

    @property
    def type_class(self) -> str:
        """The card's class in card.css: ``type-1``, or ``type-large-1`` in large print."""
        return f"type-{'large-' if self.plan.large else ''}{self.type_step}"

    @property
    def continued(self) -> bool:
        """A second or later card of a routine: it has a compact running head."""
        return self.part is not None and not self.part.startswith("1/")

    @property
    def videos(self) -> list[Step]:
        return [step for step in self.plan.steps if step.watch]


@dataclass(frozen=True)
class Face:
    """One side of a card as it is laid out; the same face twice in a run is laid out once. A
    ``stamp`` is only the runner's name, printed into the empty line of a front laid out for
    many runners at once, the way variable data is printed: the name stays real text."""

    card: CardFace
    side: str  # "front" or "back"
    stamp: bool = False

    @functools.cached_property
    def key(self) -> str:
        return f"stamp {self.card.type_step} {self.card.plan.runner}" if self.stamp else repr(self)


def faces_of(cards: list[CardFace], backs: bool, stamped: bool = False) -> list[Face]:
    """Each card's front, and with ``backs`` its back, which names no runner so that the same
    routine's backs are one face for the whole team. ``stamped``: a runner's front is a face
    with an empty name line followed by the stamp of their name."""
    faces = []
    for card in cards:
        if stamped and card.plan.runner:
            faces.append(Face(replace(card, plan=replace(card.plan, runner=None), runner_slot=True), "front"))
            faces.append(Face(card, "front", stamp=True))
        else:
            faces.append(Face(card, "front"))
        if backs:
            faces.append(Face(replace(card, plan=replace(card.plan, runner=None)), "back"))
    return faces


@dataclass(frozen=True)
class Measure:
    """What a laid-out face holds, in CSS px from the top of its page."""

    height: float  # to the end of its content
    head: float  # to its first step
    steps: tuple[float, ...]  # each step's height (what follows it up to the next, block titles included)
    slot: float = 0.0  # to the end of the runner's name line (empty, if names are printed into it)


def room_of(size: CardSize) -> float:
    """How far down a face's content may reach on ``size``, in CSS px from its top: to the safe
    zone, or 1 mm into it (it stays well inside the trim)."""
    return (size.height - size.safe + 1) * CSS_PX_PER_MM


def cards_for(plan: RoutinePlan, groups: list[list[Step]], type_step: int, back_qr_mm: float) -> list[CardFace]:
    """``plan`` on one card per group of steps; block titles repeat where a block continues."""
    if len(groups) == 1:
        return [CardFace(plan, None, type_step, back_qr_mm)]
    cards = []
    for part, group in enumerate(groups):
        chosen = {id(step) for step in group}
        blocks = [replace(block, steps=[s for s in block.steps if id(s) in chosen]) for block in plan.blocks]
        # The runner's notes print once, on the first card, leaving the others room for exercises.
        part_plan = replace(plan, blocks=[b for b in blocks if b.steps], notes=plan.notes if part == 0 else None)
        cards.append(CardFace(part_plan, f"{part + 1}/{len(groups)}", type_step, back_qr_mm))
    return cards


def first_cards(plan: RoutinePlan, size: CardSize) -> list[CardFace]:
    """The first try: the whole routine on one card at full size."""
    return [CardFace(plan, None, 0, back_qr_size(len([s for s in plan.steps if s.watch]), size))]


def back_qr_size(videos: int, size: CardSize) -> float:
    """The largest code, from 22 mm down to 15, at which ``videos`` codes fit a back; 15 mm if none does."""
    qr = BACK_QR_MM[0]
    while qr > BACK_QR_MM[1] and back_capacity(qr, size) < videos:
        qr -= 0.5
    return qr


def back_capacity(qr: float, size: CardSize) -> int:
    """How many codes ``qr`` mm wide, with their captions, a back of ``size`` holds."""
    width, height = size.width - 2 * size.safe, size.height - 2 * size.safe - BACK_HEAD_MM
    columns = int((width + BACK_GAP_MM) // (qr + 2 + BACK_GAP_MM))
    rows = int((height + BACK_GAP_MM) // (qr + BACK_CAPTION_MM + BACK_GAP_MM))
    return columns * rows


# How tall a face gets at each type step, for its height at full size. Measured over the bundled
# routines at every size, steps shrink to a median of 92 % and 86 % (LIKELY), but some hardly at
# all: block titles, tags, numbers and codes keep their size (CAUTIOUS).
LIKELY = (1.0, 0.92, 0.86)
CAUTIOUS = (1.0, 0.97, 0.94)
# A continued card's running head: the runner's line, then a line for the title and the card's
# number, and a block title it may repeat (mm).
RUNNING_TITLE_MM = 4.5
BLOCK_TITLE_MM = 4.5

Option = tuple[int, int]  # (cards, type step)


def code_height(step: Step, backs: bool) -> float:
    """A step with its QR code beside it (no backs) is at least as tall as the code, whatever the type."""
    return (step.watch.width_mm(FRONT_QR_MM) + 1) * CSS_PX_PER_MM if step.watch and not backs else 0.0


def refits(
    plan: RoutinePlan, measure: Measure, size: CardSize, backs: bool, after: Option = (1, 0)
) -> list[tuple[Option, list[CardFace]]]:
    """Ways to print ``plan``, judged from how its face measured at full size, to lay out in one
    more pass: the best that likely fits, the best that surely should, and one card more than
    that (some may be the same), best first. Options up to ``after`` were tried already. Empty when even one
    step a card at 6.5 pt should not fit."""
    found = [best_option(plan, measure, size, backs, after, shrinks) for shrinks in (LIKELY, CAUTIOUS)]
    if found[-1]:  # and, should even that fall short, one card more at full size
        (parts, _), _ = found[-1]
        found.append(best_option(plan, measure, size, backs, (parts, len(TYPE_STEPS) - 1), CAUTIOUS))
    unique = {option: cards for option, cards in filter(None, found)}
    last = (len(plan.steps), len(TYPE_STEPS) - 1)
    if not unique and after < last:  # nothing should fit: see whether the last resort does
        unique[last] = cards_for(plan, [[step] for step in plan.steps], last[1], BACK_QR_MM[1])
    return sorted(unique.items())


def best_option(
    plan: RoutinePlan, measure: Measure, size: CardSize, backs: bool, after: Option, shrinks: tuple[float, ...]
) -> tuple[Option, list[CardFace]] | None:
    """The fewest cards, then the largest type, that ``shrinks`` says will hold ``plan``."""
    steps = plan.steps
    capacity = back_capacity(BACK_QR_MM[1], size)
    for parts in range(after[0], len(steps) + 1):
        for type_step in range(len(TYPE_STEPS)):
            if (parts, type_step) <= after:
                continue
            scale = shrinks[type_step]
            heights = [max(h * scale, code_height(step, backs)) for h, step in zip(measure.steps, steps)]
            first_head = measure.head * scale
            running_head = measure.slot + (RUNNING_TITLE_MM + BLOCK_TITLE_MM) * CSS_PX_PER_MM
            runs = balanced(heights, parts, first_head, running_head)
            tallest = max((first_head if k == 0 else running_head) + sum(heights[a:b]) for k, (a, b) in enumerate(runs))
            groups = [steps[a:b] for a, b in runs]
            videos = [len([s for s in group if s.watch]) for group in groups]
            if tallest <= room_of(size) and (not backs or max(videos) <= capacity):
                return (parts, type_step), cards_for(
                    plan, groups, type_step, min(back_qr_size(v, size) for v in videos)
                )
    return None


def balanced(
    heights: list[float], parts: int, first_head: float = 0.0, running_head: float = 0.0
) -> list[tuple[int, int]]:
    """Items of ``heights`` in ``parts`` runs (start, end), in order, the tallest card (its head
    and its run) as short as it can be: the first card's head is ``first_head``, the others'
    ``running_head``."""
    count = len(heights)
    parts = max(1, min(parts, count))
    prefix = [0.0]
    for height in heights:
        prefix.append(prefix[-1] + height)
    # best[k][i]: the least possible tallest card when the first i items make k cards.
    best = [[float("inf")] * (count + 1) for _ in range(parts + 1)]
    cut = [[0] * (count + 1) for _ in range(parts + 1)]
    best[0][0] = 0.0
    for k in range(1, parts + 1):
        head = first_head if k == 1 else running_head
        for i in range(k, count + 1):
            for j in range(k - 1, i):
                tallest = max(best[k - 1][j], head + prefix[i] - prefix[j])
                if tallest < best[k][i]:
                    best[k][i], cut[k][i] = tallest, j
    runs, end = [], count
    for k in range(parts, 0, -1):
        runs.append((cut[k][end], end))
        end = cut[k][end]
    return runs[::-1]
